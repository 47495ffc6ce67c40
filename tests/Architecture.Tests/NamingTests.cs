using CleanAuth.Application.ArchitectureFixtures;
using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;

namespace CleanAuth.Architecture.Tests;

/// <summary>Rule 6: handler, validator, request and behavior suffixes.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Handlers_WhenNamed_ShouldEndWithCommandHandlerOrQueryHandler()
    {
        NamingRules.Handlers(Assemblies.SourceTypes).Should().Contain(typeof(RegisterUserCommandHandler), "the rule must see the real handlers");

        NamingRules.HandlerViolations(Assemblies.SourceTypes).Should().BeEmpty();
    }

    [Fact]
    public void HandlerNamingRule_WhenAHandlerIsNamedOtherwise_ShouldReportIt()
    {
        var violations = NamingRules.HandlerViolations(Assemblies.FixtureTypes);

        violations.Should().ContainSingle().Which.Should().Match(v => v.About(typeof(WellFormedFakeCommandProcessor)));
    }

    [Fact]
    public void Validators_WhenNamed_ShouldEndWithCommandValidatorOrQueryValidator()
    {
        NamingRules.Validators(Assemblies.SourceTypes).Should().Contain(typeof(RegisterUserCommandValidator), "the rule must see the real validators");

        NamingRules.ValidatorViolations(Assemblies.SourceTypes).Should().BeEmpty();
    }

    [Fact]
    public void ValidatorNamingRule_WhenAValidatorIsNamedOtherwise_ShouldReportIt()
    {
        var violations = NamingRules.ValidatorViolations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(WellFormedFakeCommandRules)));
        violations.Should().Contain(v => v.About(typeof(WellFormedFakeCommandInputValidatorForRequests)));
        violations.Should().NotContain(v => v.About(typeof(WellFormedFakeCommandValidator)));
        violations.Should().NotContain(v => v.About(typeof(FakeAddressValidator)));
    }

    [Fact]
    public void Requests_WhenNamed_ShouldEndWithCommandOrQuery() =>
        NamingRules.RequestViolations(Assemblies.SourceTypes).Should().BeEmpty();

    [Fact]
    public void RequestNamingRule_WhenARequestIsNamedOtherwise_ShouldReportIt()
    {
        var violations = NamingRules.RequestViolations(Assemblies.FixtureTypes);

        violations.Should().ContainSingle().Which.Should().Match(v => v.About(typeof(FakeLookupRequest)));
    }

    [Fact]
    public void Behaviors_WhenNamed_ShouldEndWithBehavior()
    {
        NamingRules.Behaviors(Assemblies.SourceTypes).Should().Contain(typeof(AuthorizationBehavior<,>), "the rule must see the real behaviors");

        NamingRules.BehaviorViolations(Assemblies.SourceTypes).Should().BeEmpty();
    }

    [Fact]
    public void BehaviorNamingRule_WhenABehaviorIsNamedOtherwise_ShouldReportIt()
    {
        var violations = NamingRules.BehaviorViolations(Assemblies.FixtureTypes);

        violations.Should().ContainSingle().Which.Should().Match(v => v.About(typeof(FakePipelineStep<,>)));
    }
}
