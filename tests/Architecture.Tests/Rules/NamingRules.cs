using FluentValidation;
using MediatR;
using static CleanAuth.Architecture.Tests.Support.TypeNames;

namespace CleanAuth.Architecture.Tests.Rules;

/// <summary>Suffixes that say what a type is (generic arity ignored: <c>ValidationBehavior`2</c> is ValidationBehavior).</summary>
internal static class NamingRules
{
    public static IReadOnlyList<Type> Handlers(IEnumerable<Type> types) =>
        [.. types.Where(t => t.IsClass && Implements(t, typeof(IRequestHandler<,>)))];

    public static IReadOnlyList<Type> Validators(IEnumerable<Type> types) =>
        [.. types.Where(t => t.IsClass && DerivesFrom(t, typeof(AbstractValidator<>)))];

    public static IReadOnlyList<Type> Behaviors(IEnumerable<Type> types) =>
        [.. types.Where(t => t.IsClass && Implements(t, typeof(IPipelineBehavior<,>)))];

    /// <summary>Classes implementing IRequestHandler&lt;,&gt; end with CommandHandler or QueryHandler.</summary>
    public static IReadOnlyList<string> HandlerViolations(IEnumerable<Type> types) =>
        [.. Handlers(types)
            .Where(h => !EndsWithAny(h, "CommandHandler", "QueryHandler"))
            .Select(h => $"{Describe(h)}: a request handler's name ends with 'CommandHandler' or 'QueryHandler'")];

    /// <summary>
    /// AbstractValidator&lt;T&gt; subclasses end with Validator; one validating a request ends with CommandValidator
    /// or QueryValidator.
    /// </summary>
    public static IReadOnlyList<string> ValidatorViolations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var validator in Validators(types))
        {
            if (!EndsWithAny(validator, "Validator"))
            {
                violations.Add($"{Describe(validator)}: a validator's name ends with 'Validator'");
            }
            else if (ValidatesRequest(validator) && !EndsWithAny(validator, "CommandValidator", "QueryValidator"))
            {
                violations.Add($"{Describe(validator)}: a request validator's name ends with 'CommandValidator' or 'QueryValidator'");
            }
        }

        return violations;
    }

    /// <summary>Request types end with Command or Query.</summary>
    public static IReadOnlyList<string> RequestViolations(IEnumerable<Type> types) =>
        [.. RequestRules.Requests(types)
            .Where(r => !EndsWithAny(r, "Command", "Query"))
            .Select(r => $"{Describe(r)}: a request's name ends with 'Command' or 'Query'")];

    /// <summary>Classes implementing IPipelineBehavior&lt;,&gt; end with Behavior.</summary>
    public static IReadOnlyList<string> BehaviorViolations(IEnumerable<Type> types) =>
        [.. Behaviors(types)
            .Where(b => !EndsWithAny(b, "Behavior"))
            .Select(b => $"{Describe(b)}: a pipeline behavior's name ends with 'Behavior'")];

    private static bool ValidatesRequest(Type validator)
    {
        var validated = validator.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0]);
        return RequestRules.Requests(validated).Count > 0;
    }

    private static bool EndsWithAny(Type type, params string[] suffixes) =>
        suffixes.Any(suffix => SimpleName(type).EndsWith(suffix, StringComparison.Ordinal));
}
