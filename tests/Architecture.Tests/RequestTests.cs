using CleanAuth.Application.ArchitectureFixtures;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;

namespace CleanAuth.Architecture.Tests;

/// <summary>Rules 5 and 7: every request declares its authorization, and requests are immutable.</summary>
public sealed class RequestTests
{
    [Fact]
    public void Requests_WhenInspected_ShouldCarryExactlyOneAuthorizationMarker()
    {
        RequestRules.Requests(Assemblies.SourceTypes).Should().Contain(typeof(GetCurrentUserQuery), "the rule must see the real requests");

        RequestRules.AuthorizationMarkerViolations(Assemblies.SourceTypes).Should().BeEmpty();
    }

    [Fact]
    public void AuthorizationMarkerRule_WhenARequestHasNoMarkerOrBoth_ShouldReportIt()
    {
        var violations = RequestRules.AuthorizationMarkerViolations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(UnmarkedFakeCommand)) && v.Contains("neither", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(DoublyMarkedFakeQuery)) && v.Contains("both", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.About(typeof(WellFormedFakeCommand)));
    }

    [Fact]
    public void Requests_WhenInspected_ShouldExposeNoPublicSetterOtherThanInit() =>
        RequestRules.ImmutabilityViolations(Assemblies.SourceTypes).Should().BeEmpty();

    [Fact]
    public void RequestImmutabilityRule_WhenARequestHasAPublicSetterOrWritableField_ShouldReportIt()
    {
        var violations = RequestRules.ImmutabilityViolations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(MutableFakeCommand)) && v.Contains("Value has a public setter", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(InheritedMutableFakeCommand)) && v.Contains("FakeRequestBase.Note", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.About(typeof(WellFormedFakeCommand)));
    }
}
