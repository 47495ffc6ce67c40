using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;
using CleanAuth.Domain.ArchitectureFixtures;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Architecture.Tests;

/// <summary>Rules 8 and 9: immutable, well-named domain events; no public setters anywhere in the domain.</summary>
public sealed class DomainTests
{
    [Fact]
    public void DomainEvents_WhenInspected_ShouldBeImmutableAndNamedEvent()
    {
        ImmutabilityRules.DomainEvents(Assemblies.Domain.GetTypes())
            .Should().Contain([typeof(UserRegisteredEvent), typeof(SessionRevokedEvent)], "the rule must see the real events");

        ImmutabilityRules.DomainEventViolations(Assemblies.Domain.GetTypes()).Should().BeEmpty();
    }

    [Fact]
    public void DomainEventRule_WhenAnEventIsMutableOrMisnamed_ShouldReportIt()
    {
        var violations = ImmutabilityRules.DomainEventViolations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(MutableFakeEvent)) && v.Contains("OccurredAt has a public setter", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(FakeThingHappened)) && v.Contains("ends with 'Event'", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.About(typeof(WellFormedFakeEvent)));
    }

    [Fact]
    public void DomainTypes_WhenInspected_ShouldHaveNoPublicSetters()
    {
        Assemblies.Domain.GetTypes().Should().Contain([typeof(User), typeof(Session), typeof(RefreshToken)]);

        ImmutabilityRules.DomainSetterViolations(Assemblies.Domain.GetTypes()).Should().BeEmpty();
    }

    [Fact]
    public void DomainSetterRule_WhenADomainTypeHasAPublicSetterOrField_ShouldReportIt()
    {
        var violations = ImmutabilityRules.DomainSetterViolations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(EntityWithPublicSetter)) && v.Contains("Name has a public setter", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(EntityWithPublicField)) && v.Contains("Counter is public and writable", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(MutableFakeEvent)));
        violations.Should().NotContain(v => v.About(typeof(WellFormedEntity)));
        violations.Should().NotContain(v => v.About(typeof(WellFormedFakeEvent)));
    }
}
