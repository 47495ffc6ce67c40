using CleanAuth.Application.Auth.Commands.RefreshTokens;
using CleanAuth.Application.Common.Validation;
using FluentValidation.TestHelper;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class RefreshTokensCommandValidatorTests
{
    private readonly RefreshTokensCommandValidator _validator = new();

    [Fact]
    public async Task Validate_WhenTokenIsPresent_ShouldPass()
    {
        var result = await Validate("rt-some-opaque-token");

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Validate_WhenTokenIsMissing_ShouldFail(string? token)
    {
        var result = await Validate(token);

        result.ShouldHaveValidationErrorFor(c => c.RefreshToken).WithErrorMessage("Refresh token is required.");
    }

    [Fact]
    public async Task Validate_WhenTokenIsLongerThanLimit_ShouldFail()
    {
        var result = await Validate(new string('t', ValidationRules.MaxTokenLength + 1));

        result.ShouldHaveValidationErrorFor(c => c.RefreshToken);
    }

    [Fact]
    public async Task Validate_WhenTokenIsExactlyAtLimit_ShouldPass()
    {
        var result = await Validate(new string('t', ValidationRules.MaxTokenLength));

        result.ShouldNotHaveAnyValidationErrors();
    }

    private Task<TestValidationResult<RefreshTokensCommand>> Validate(string? token) =>
        _validator.TestValidateAsync(new RefreshTokensCommand(token), cancellationToken: TestContext.Current.CancellationToken);
}
