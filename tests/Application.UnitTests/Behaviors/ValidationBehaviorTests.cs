using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Exceptions;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.UnitTests.Behaviors;

public sealed record ProfileProbe(string? Email, string? Password, string? Nickname) : IRequest<string>;

public sealed class ValidationBehaviorTests
{
    private int _nextCalls;

    [Fact]
    public async Task Handle_WhenSeveralValidatorsFail_ShouldCollectAllFailuresKeyedByProperty()
    {
        var first = new InlineValidator<ProfileProbe>();
        first.RuleFor(p => p.Email).NotEmpty().WithMessage("Email is required.");
        first.RuleFor(p => p.Password).NotEmpty().WithMessage("Password is required.");
        var second = new InlineValidator<ProfileProbe>();
        second.RuleFor(p => p.Email).Must(e => e?.Contains('@', StringComparison.Ordinal) == true).WithMessage("Email needs an @.");
        second.RuleFor(p => p.Password).MinimumLength(8).WithMessage("Password is too short.");
        second.RuleFor(p => p.Email).NotEmpty().WithMessage("Email is required.");

        var act = () => Run(new ProfileProbe("", "", "fine"), first, second);

        var errors = (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo(["Email", "Password"]);
        errors["Email"].Should().BeEquivalentTo(["Email is required.", "Email needs an @."]);
        errors["Password"].Should().BeEquivalentTo(["Password is required.", "Password is too short."]);
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_WhenOnlyOneOfSeveralValidatorsFails_ShouldThrowWithItsFailures()
    {
        var passing = new InlineValidator<ProfileProbe>();
        passing.RuleFor(p => p.Email).NotEmpty();
        var failing = new InlineValidator<ProfileProbe>();
        failing.RuleFor(p => p.Nickname).MaximumLength(3).WithMessage("Nickname is too long.");

        var act = () => Run(new ProfileProbe("a@x.io", "password", "much too long"), passing, failing);

        var errors = (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors;
        errors.Should().ContainSingle().Which.Key.Should().Be("Nickname");
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_WhenThereAreNoValidators_ShouldCallNext()
    {
        var response = await Run(new ProfileProbe(null, null, null));

        response.Should().Be("next");
        _nextCalls.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenAllValidatorsPass_ShouldCallNext()
    {
        var validator = new InlineValidator<ProfileProbe>();
        validator.RuleFor(p => p.Email).NotEmpty();

        var response = await Run(new ProfileProbe("a@x.io", null, null), validator);

        response.Should().Be("next");
        _nextCalls.Should().Be(1);
    }

    private Task<string> Run(ProfileProbe request, params IValidator<ProfileProbe>[] validators)
    {
        var behavior = new ValidationBehavior<ProfileProbe, string>(validators);
        return behavior.Handle(request, TestContext.Current.CancellationToken, () =>
        {
            _nextCalls++;
            return Task.FromResult("next");
        });
    }
}
