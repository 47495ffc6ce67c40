using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;

namespace CleanAuth.Architecture.Tests;

/// <summary>Rules 1–3: which assemblies each layer may reference, each next to a twin proving it can fail.</summary>
public sealed class AssemblyReferenceTests
{
    [Fact]
    public void Domain_WhenReferencesInspected_ShouldReferenceOnlyTheBcl()
    {
        AssemblyReferenceRules.ReferenceNames(Assemblies.Domain).Should().Contain("System.Runtime", "the rule must see real references");

        AssemblyReferenceRules.DomainViolations(Assemblies.Domain).Should().BeEmpty();
    }

    [Fact]
    public void DomainRule_WhenCheckingInfrastructure_ShouldReportLayerAndFrameworkReferences()
    {
        var violations = AssemblyReferenceRules.DomainViolations(Assemblies.Infrastructure);

        violations.Should().Contain(v => v.Contains("references CleanAuth.Application,", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("references Microsoft.EntityFrameworkCore,", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("references Microsoft.AspNetCore.", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("references Microsoft.Extensions.", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.Contains("references System.Runtime,", StringComparison.Ordinal));
    }

    [Fact]
    public void DomainRule_WhenCheckingApplication_ShouldReportDomainAndMediatR()
    {
        var violations = AssemblyReferenceRules.DomainViolations(Assemblies.Application);

        violations.Should().Contain(v => v.Contains("references CleanAuth.Domain,", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("references MediatR,", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("references FluentValidation,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("System.Runtime", true)]
    [InlineData("netstandard", true)]
    [InlineData("Microsoft.Win32.Primitives", true)]
    [InlineData("System.IO.Abstractions", false)]
    [InlineData("Microsoft.Extensions.Logging.Abstractions", false)]
    [InlineData("MediatR", false)]
    public void IsBcl_WhenGivenAnAssemblyName_ShouldAcceptOnlyRuntimeAssemblies(string name, bool expected) =>
        AssemblyReferenceRules.IsBcl(name).Should().Be(expected);

    [Fact]
    public void Application_WhenReferencesInspected_ShouldReferenceDomainButNoOuterLayerOrInfrastructureFramework() =>
        AssemblyReferenceRules.ApplicationViolations(Assemblies.Application).Should().BeEmpty();

    [Fact]
    public void ApplicationRule_WhenCheckingInfrastructure_ShouldReportDataAccessTokenAndHostReferences()
    {
        var violations = AssemblyReferenceRules.ApplicationViolations(Assemblies.Infrastructure);

        violations.Should().Contain("CleanAuth.Infrastructure references Microsoft.EntityFrameworkCore");
        violations.Should().Contain(v => v.StartsWith("CleanAuth.Infrastructure references Npgsql", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("CleanAuth.Infrastructure references Microsoft.IdentityModel.", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("CleanAuth.Infrastructure references Microsoft.AspNetCore.", StringComparison.Ordinal));
        violations.Should().Contain("CleanAuth.Infrastructure references Microsoft.Data.Sqlite");
        violations.Should().NotContain(v => v.Contains("CleanAuth.Domain", StringComparison.Ordinal), "Infrastructure does reference Domain");
    }

    [Fact]
    public void ApplicationRule_WhenCheckingWebApi_ShouldReportOuterLayerAndHostReferences()
    {
        var violations = AssemblyReferenceRules.ApplicationViolations(Assemblies.WebApi);

        violations.Should().Contain("CleanAuth.WebApi references CleanAuth.Infrastructure");
        violations.Should().Contain(v => v.StartsWith("CleanAuth.WebApi references Serilog", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("CleanAuth.WebApi references Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplicationRule_WhenCheckingAnAssemblyWithoutDomain_ShouldReportTheMissingReference() =>
        AssemblyReferenceRules.ApplicationViolations(Assemblies.Domain)
            .Should().Equal("CleanAuth.Domain does not reference CleanAuth.Domain");

    [Fact]
    public void Infrastructure_WhenReferencesInspected_ShouldNotReferenceWebApi()
    {
        AssemblyReferenceRules.ReferenceNames(Assemblies.Infrastructure).Should().Contain("CleanAuth.Application", "the rule must see real references");

        AssemblyReferenceRules.InfrastructureViolations(Assemblies.Infrastructure).Should().BeEmpty();
    }

    [Fact]
    public void InfrastructureRule_WhenCheckingAnAssemblyThatReferencesWebApi_ShouldReportIt() =>
        AssemblyReferenceRules.InfrastructureViolations(Assemblies.Tests)
            .Should().Equal("CleanAuth.Architecture.Tests references CleanAuth.WebApi");
}
