using CleanAuth.Application.Common.Options;

namespace CleanAuth.Application.UnitTests.Configuration;

public sealed class AuthOptionsTests
{
    [Fact]
    public void Defaults_WhenNotConfigured_ShouldBeOpenRevealingAndNotRequiringVerification()
    {
        var options = new AuthOptions();

        options.RegistrationMode.Should().Be(RegistrationMode.Open);
        options.RevealRegisteredEmails.Should().BeTrue();
        options.RequireVerifiedEmail.Should().BeFalse();
    }

    [Fact]
    public void Lifetimes_WhenNotConfigured_ShouldBe30Minutes48HoursAnd7Days()
    {
        var options = new AuthOptions();

        options.PasswordResetLifetime.Should().Be(TimeSpan.FromMinutes(30));
        options.EmailVerificationLifetime.Should().Be(TimeSpan.FromHours(48));
        options.InvitationLifetime.Should().Be(TimeSpan.FromDays(7));
    }

    [Fact]
    public void Lifetimes_WhenConfigured_ShouldFollowTheirUnits()
    {
        var options = new AuthOptions { PasswordResetMinutes = 1, EmailVerificationHours = 0.5, InvitationDays = 0.25 };

        options.PasswordResetLifetime.Should().Be(TimeSpan.FromMinutes(1));
        options.EmailVerificationLifetime.Should().Be(TimeSpan.FromMinutes(30));
        options.InvitationLifetime.Should().Be(TimeSpan.FromHours(6));
    }
}
