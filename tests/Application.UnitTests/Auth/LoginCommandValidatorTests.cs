using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Application.UnitTests.Common;
using FluentValidation.TestHelper;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class LoginCommandValidatorTests
{
    private readonly LoginCommandValidator _validator = new();

    [Fact]
    public async Task Validate_WhenOnlyEmailIsGiven_ShouldPass()
    {
        var result = await Validate(new LoginCommand("alice@example.com", null, TestData.Password, null, null));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task Validate_WhenOnlyUsernameIsGiven_ShouldPass()
    {
        var result = await Validate(new LoginCommand(null, "alice", TestData.Password, null, null));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("", null)]
    public async Task Validate_WhenNeitherEmailNorUsernameIsGiven_ShouldFail(string? email, string? username)
    {
        var result = await Validate(new LoginCommand(email, username, TestData.Password, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email or username is required.");
    }

    [Fact]
    public async Task Validate_WhenBothEmailAndUsernameAreGiven_ShouldFail()
    {
        var result = await Validate(new LoginCommand("alice@example.com", "alice", TestData.Password, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Give an email or a username, not both.");
    }

    [Fact]
    public async Task Validate_WhenPasswordIsLongerThanLimit_ShouldFail()
    {
        var password = new string('p', ValidationRules.MaxPasswordInputLength + 1);

        var result = await Validate(new LoginCommand("alice@example.com", null, password, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is too long.");
    }

    [Fact]
    public async Task Validate_WhenPasswordIsExactlyAtLimit_ShouldPass()
    {
        var password = new string('p', ValidationRules.MaxPasswordInputLength);

        var result = await Validate(new LoginCommand("alice@example.com", null, password, null, null));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Validate_WhenPasswordIsMissing_ShouldFail(string? password)
    {
        var result = await Validate(new LoginCommand("alice@example.com", null, password, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is required.");
    }

    [Fact]
    public async Task Validate_WhenIdentifierIsOverlong_ShouldFail()
    {
        var result = await Validate(new LoginCommand(null, new string('u', 321), TestData.Password, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Username);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u202e")]
    [InlineData("\u2066")]
    public async Task Validate_WhenEmailOrUsernameHasAControlCharacter_ShouldFailOnThatField(string control)
    {
        var byEmail = await Validate(new LoginCommand($"ada{control}@example.com", null, TestData.Password, null, null));
        var byUsername = await Validate(new LoginCommand(null, $"ada{control}", TestData.Password, null, null));

        byEmail.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email must not contain control characters.");
        byUsername.ShouldHaveValidationErrorFor(c => c.Username).WithErrorMessage("Username must not contain control characters.");
    }

    [Fact]
    public async Task Validate_WhenIdentifierHasAZeroWidthJoinerOrNonAsciiLetters_ShouldNotCallItAControlCharacter()
    {
        // Only Cc and the bidirectional overrides are refused; other format characters (ZWJ in names) are not.
        var result = await Validate(new LoginCommand(null, "zo\u00eb\u200d", TestData.Password, null, null));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("alice")]
    public async Task Validate_WhenOnlyASingleIdentifierIsGiven_ShouldPass(string identifier)
    {
        var result = await Validate(LoginCommand.ForIdentifier(identifier, TestData.Password, null, null));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Validate_WhenTheSingleIdentifierIsMissing_ShouldFailOnEmailLikeTheJsonLogin(string? identifier)
    {
        var result = await Validate(LoginCommand.ForIdentifier(identifier, TestData.Password, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email or username is required.");
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public async Task Validate_WhenTheSingleIdentifierIsAnOverlongEmail_ShouldFailOnEmailWithTheEmailFieldsMessage()
    {
        var email = new string('e', 321) + "@example.com";
        var json = await Validate(new LoginCommand(email, null, TestData.Password, null, null));

        var result = await Validate(LoginCommand.ForIdentifier(email, TestData.Password, null, null));

        result.ShouldHaveValidationErrorFor(nameof(LoginCommand.Email)).WithErrorMessage(json.Errors.Single().ErrorMessage);
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public async Task Validate_WhenTheSingleIdentifierIsAnOverlongUsername_ShouldFailOnUsernameWithTheUsernameFieldsMessage()
    {
        var username = new string('u', 321);
        var json = await Validate(new LoginCommand(null, username, TestData.Password, null, null));

        var result = await Validate(LoginCommand.ForIdentifier(username, TestData.Password, null, null));

        result.ShouldHaveValidationErrorFor(nameof(LoginCommand.Username)).WithErrorMessage(json.Errors.Single().ErrorMessage);
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public async Task Validate_WhenASingleIdentifierComesWithANamedOne_ShouldFail()
    {
        var result = await Validate(new LoginCommand("alice@example.com", null, TestData.Password, null, null) { EmailOrUsername = "alice" });

        result.ShouldHaveValidationErrorFor(c => c.EmailOrUsername).WithErrorMessage("Give an email or a username, not both.");
    }

    private Task<TestValidationResult<LoginCommand>> Validate(LoginCommand command) =>
        _validator.TestValidateAsync(command, cancellationToken: TestContext.Current.CancellationToken);
}
