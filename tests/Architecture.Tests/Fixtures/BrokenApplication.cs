// Deliberately broken types that only the rules' twins look at. Their namespace mimics the application layer's.
using CleanAuth.Application.Common.Security;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.WebApi.Controllers;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.ArchitectureFixtures;

/// <summary>Keeps the rules honest: marked, immutable, and with a correctly named handler and validator.</summary>
[AllowAnonymousRequest]
public sealed record WellFormedFakeCommand(string Value) : IRequest<Unit>;

public sealed class WellFormedFakeCommandHandler : IRequestHandler<WellFormedFakeCommand, Unit>
{
    public Task<Unit> Handle(WellFormedFakeCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

public sealed class WellFormedFakeCommandValidator : AbstractValidator<WellFormedFakeCommand>
{
    public WellFormedFakeCommandValidator() => RuleFor(c => c.Value).NotEmpty();
}

/// <summary>Breaks "exactly one authorization marker": has none.</summary>
public sealed record UnmarkedFakeCommand : IRequest<Unit>;

/// <summary>Breaks "exactly one authorization marker": has both.</summary>
[AllowAnonymousRequest]
[RequirePermission("fake.permission")]
public sealed record DoublyMarkedFakeQuery : IRequest<int>;

/// <summary>Breaks "requests are named *Command or *Query".</summary>
[AllowAnonymousRequest]
public sealed record FakeLookupRequest(Guid Id) : IRequest<string>;

/// <summary>Breaks "requests are immutable": a public setter.</summary>
[AllowAnonymousRequest]
public sealed class MutableFakeCommand : IRequest<Unit>
{
    public string? Value { get; set; }
}

/// <summary>Breaks "requests are immutable": a public writable field, inherited from a base request.</summary>
public abstract class FakeRequestBase
{
#pragma warning disable CA1051 // The public writable field is the point of this fixture.
    public string? Note;
#pragma warning restore CA1051
}

[AllowAnonymousRequest]
public sealed class InheritedMutableFakeCommand : FakeRequestBase, IRequest<Unit>;

/// <summary>Breaks "handlers are named *CommandHandler or *QueryHandler".</summary>
public sealed class WellFormedFakeCommandProcessor : IRequestHandler<WellFormedFakeCommand, Unit>
{
    public Task<Unit> Handle(WellFormedFakeCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>Breaks "validators are named *Validator".</summary>
public sealed class WellFormedFakeCommandRules : AbstractValidator<WellFormedFakeCommand>
{
    public WellFormedFakeCommandRules() => RuleFor(c => c.Value).NotEmpty();
}

/// <summary>Breaks "request validators are named *CommandValidator or *QueryValidator".</summary>
public sealed class WellFormedFakeCommandInputValidatorForRequests : AbstractValidator<WellFormedFakeCommand>
{
    public WellFormedFakeCommandInputValidatorForRequests() => RuleFor(c => c.Value).NotEmpty();
}

/// <summary>Keeps the validator rule honest: a validator of a non-request type needs only the Validator suffix.</summary>
public sealed class FakeAddressValidator : AbstractValidator<string>
{
    public FakeAddressValidator() => RuleFor(s => s).NotEmpty();
}

/// <summary>Breaks "pipeline behaviors are named *Behavior".</summary>
public sealed class FakePipelineStep<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) => next();
}

/// <summary>Keeps the behavior rule honest.</summary>
public sealed class FakeTimingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) => next();
}

/// <summary>Breaks "Application depends on no outer layer": uses an Infrastructure type.</summary>
public static class ApplicationTypeUsingInfrastructure
{
    public static object DefaultOptions() => new DatabaseOptions();
}

/// <summary>Breaks "Application depends on no outer layer": uses a WebApi type.</summary>
public static class ApplicationTypeUsingWebApi
{
    public static Type Describe(ApiControllerBase controller) => controller.GetType();
}

/// <summary>Breaks "records print no secret": the compiler-generated ToString shows the password and the token.</summary>
public sealed record LeakyFakeCredentials(string? Username, string? Password, string? ResetToken, string? TokenType);

/// <summary>Breaks "records print no secret": a token record shows its value, whatever the property is called.</summary>
public sealed record LeakyFakeToken(string Value);

/// <summary>Keeps the redaction rule honest: it prints the username and the token type, never the secrets.</summary>
public sealed record RedactedFakeCredentials(string? Username, string? Password, string? ResetToken, string? TokenType)
{
    public override string ToString() => $"{nameof(RedactedFakeCredentials)} {{ Username = {Username}, TokenType = {TokenType} }}";
}
