using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.RegisterUser;
using FluentValidation.TestHelper;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class RegisterUserCommandValidatorTests
{
    private readonly IPasswordPolicy _policy = Substitute.For<IPasswordPolicy>();
    private readonly RegisterUserCommandValidator _validator;
    private readonly RegisterUserCommand _valid = new("Alice@Example.com", "alice92", TestData.Password, "Alice Liddell");

    public RegisterUserCommandValidatorTests()
    {
        _policy.Check(Arg.Any<string>(), Arg.Any<IEnumerable<string?>>()).Returns([]);
        _validator = new RegisterUserCommandValidator(_policy);
    }

    [Fact]
    public async Task Validate_WhenCommandIsValid_ShouldPass()
    {
        var result = await _validator.TestValidateAsync(_valid, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task Validate_WhenPolicyRefusesPassword_ShouldReportEachReasonOnPassword()
    {
        _policy.Check(TestData.Password, Arg.Any<IEnumerable<string?>>()).Returns(["Password is too common.", "Password contains your username."]);

        var result = await _validator.TestValidateAsync(_valid, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is too common.");
        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password contains your username.");
        result.Errors.Should().HaveCount(2).And.OnlyContain(e => e.PropertyName == "Password");
    }

    [Fact]
    public async Task Validate_WhenChecked_ShouldGivePolicyEmailLocalPartAndUsernameAsContextWords()
    {
        IEnumerable<string?>? words = null;
        _policy.Check(Arg.Any<string>(), Arg.Do<IEnumerable<string?>>(w => words = w.ToList())).Returns([]);

        await _validator.TestValidateAsync(_valid, cancellationToken: TestContext.Current.CancellationToken);

        words.Should().BeEquivalentTo(["Alice", "alice92"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Validate_WhenPasswordIsMissing_ShouldFailWithoutAskingPolicy(string? password)
    {
        var result = await _validator.TestValidateAsync(_valid with { Password = password }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is required.");
        _policy.DidNotReceiveWithAnyArgs().Check(default!, default!);
    }

    [Theory]
    [InlineData("Ada\0Lovelace")]
    [InlineData("Ada \u202eecalevoL")]
    [InlineData("Ada \u2067Lovelace")]
    public async Task Validate_WhenFullNameHasAControlOrBidiOverrideCharacter_ShouldFailOnFullName(string fullName)
    {
        var result = await _validator.TestValidateAsync(_valid with { FullName = fullName }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.FullName);
    }

    [Theory]
    [InlineData("ada\0@example.com")]
    [InlineData("ada@example.com\u202e")]
    public async Task Validate_WhenEmailHasAControlCharacter_ShouldSayWhy(string email)
    {
        var result = await _validator.TestValidateAsync(_valid with { Email = email }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email must not contain control characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a@b")]
    [InlineData("Alice <a@x.io>")]
    [InlineData("a@x.io\r\nBcc: v@y.io")]
    [InlineData("not-an-email")]
    public async Task Validate_WhenEmailIsInvalid_ShouldFailOnEmail(string? email)
    {
        var result = await _validator.TestValidateAsync(_valid with { Email = email }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.Email);
        result.ShouldNotHaveValidationErrorFor(c => c.Username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("alice@example.com")]
    [InlineData("_alice")]
    [InlineData("alice smith")]
    public async Task Validate_WhenUsernameIsInvalid_ShouldFailOnUsername(string? username)
    {
        var result = await _validator.TestValidateAsync(_valid with { Username = username }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.Username);
        result.ShouldNotHaveValidationErrorFor(c => c.Email);
    }

    [Theory]
    [InlineData("Alice\nLiddell")]
    [InlineData("Alice\0")]
    public async Task Validate_WhenFullNameHasControlCharacters_ShouldFailOnFullName(string fullName)
    {
        var result = await _validator.TestValidateAsync(_valid with { FullName = fullName }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldHaveValidationErrorFor(c => c.FullName);
    }

    [Fact]
    public async Task Validate_WhenFullNameIsAbsent_ShouldPass()
    {
        var result = await _validator.TestValidateAsync(_valid with { FullName = null }, cancellationToken: TestContext.Current.CancellationToken);

        result.ShouldNotHaveAnyValidationErrors();
    }
}
