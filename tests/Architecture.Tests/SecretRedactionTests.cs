using CleanAuth.Application.ArchitectureFixtures;
using CleanAuth.Application.Auth.Commands.ChangePassword;
using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;
using CleanAuth.WebApi.Contracts.Authentication;

namespace CleanAuth.Architecture.Tests;

/// <summary>No record prints a password, hash or token: frameworks log records through <c>ToString</c> (MVC's action arguments).</summary>
public sealed class SecretRedactionTests
{
    private static IEnumerable<Type> ApplicationAndWebApiTypes => Assemblies.Application.GetTypes().Concat(Assemblies.WebApi.GetTypes());

    [Fact]
    public void Records_WhenTheyCarryASecret_ShouldNotPrintItInToString()
    {
        var records = SecretRedactionRules.Records(ApplicationAndWebApiTypes);
        records.Should().Contain([typeof(RegisterRequest), typeof(ChangePasswordCommand), typeof(LoginCommand)], "the rule must see the real records");
        records.Where(r => SecretRedactionRules.SecretProperties(r).Count > 0).Should().HaveCountGreaterThan(15, "the rule must see the secrets");

        var violations = SecretRedactionRules.Violations(ApplicationAndWebApiTypes);

        violations.Should().BeEmpty();
    }

    [Fact]
    public void SecretRedactionRule_WhenARecordPrintsASecret_ShouldReportIt()
    {
        var violations = SecretRedactionRules.Violations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(LeakyFakeCredentials)) && v.EndsWith("shows Password", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(LeakyFakeCredentials)) && v.EndsWith("shows ResetToken", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(LeakyFakeToken)) && v.EndsWith("shows Value", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.About(typeof(RedactedFakeCredentials)));
        violations.Should().NotContain(v => v.Contains("Username", StringComparison.Ordinal) || v.Contains("TokenType", StringComparison.Ordinal));
    }
}
