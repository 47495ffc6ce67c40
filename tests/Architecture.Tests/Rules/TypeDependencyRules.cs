using ArchUnitNET.Fluent;
using Microsoft.AspNetCore.Mvc;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace CleanAuth.Architecture.Tests.Rules;

/// <summary>
/// Type-level layer rules (ArchUnitNET): they see every dependency in signatures and method bodies, so they catch
/// what assembly references cannot, such as a type in the right assembly but the wrong namespace.
/// </summary>
internal static class TypeDependencyRules
{
    public const string DomainNamespace = @"^CleanAuth\.Domain(\..+)?$";
    public const string ApplicationNamespace = @"^CleanAuth\.Application(\..+)?$";
    public const string InfrastructureNamespace = @"^CleanAuth\.Infrastructure(\..+)?$";
    public const string WebApiNamespace = @"^CleanAuth\.WebApi(\..+)?$";

    public static IArchRule DomainDependsOnNoOuterLayer { get; } =
        Types().That().ResideInNamespaceMatching(DomainNamespace)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(ApplicationNamespace)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InfrastructureNamespace)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(WebApiNamespace)
            .Because("the domain is the core: outer layers depend on it, never the reverse");

    public static IArchRule ApplicationDependsOnNoOuterLayer { get; } =
        Types().That().ResideInNamespaceMatching(ApplicationNamespace)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InfrastructureNamespace)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(WebApiNamespace)
            .Because("the application layer declares ports; Infrastructure and WebApi implement and call them");

    public static IArchRule ControllersUseNoInfrastructureOrRepository { get; } =
        Classes().That().AreAssignableTo(typeof(ControllerBase))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InfrastructureNamespace)
            .AndShould().NotDependOnAny(
                Interfaces().That().ResideInNamespaceMatching(DomainNamespace).And().HaveNameEndingWith("Repository"))
            .Because("controllers only translate HTTP to requests sent through IMediator");

    /// <summary>One line per failing type, starting with the type's full name.</summary>
    public static IReadOnlyList<string> Violations(IArchRule rule, ArchitectureModel architecture) =>
        [.. rule.Evaluate(architecture).Where(result => !result.Passed).Select(result => result.Description)];
}
