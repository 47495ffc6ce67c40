using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Application.Auth.Commands.Login;

/// <summary>Log in with an email or a username (exactly one) and a password; starts a new session.</summary>
/// <remarks>
/// The identifier comes one of two ways: in the field that names its kind (<see cref="Email"/> or <see cref="Username"/>,
/// as the JSON login sends it), or as one <see cref="EmailOrUsername"/> whose kind is not known (the OAuth2 password
/// flow's <c>username</c> field; see <see cref="ForIdentifier"/>). <see cref="Identifier"/> is the one place that decides
/// which kind it is.
/// </remarks>
[AllowAnonymousRequest]
[HashesPassword]
public sealed record LoginCommand(string? Email, string? Username, string? Password, string? IpAddress, string? UserAgent)
    : ICommand<Result<TokenPairDto>>
{
    /// <summary>An identifier that may be an email or a username; it is an email when it contains '@'.</summary>
    public string? EmailOrUsername { get; init; }

    /// <summary>A login with one identifier that may be an email or a username.</summary>
    public static LoginCommand ForIdentifier(string? emailOrUsername, string? password, string? ipAddress, string? userAgent) =>
        new(null, null, password, ipAddress, userAgent) { EmailOrUsername = emailOrUsername };

    /// <summary>
    /// The identifier given and whether it is an email: <see cref="Email"/> and <see cref="Username"/> say so by their
    /// name; <see cref="EmailOrUsername"/> is an email when it contains '@'.
    /// </summary>
    internal (string? Value, bool IsEmail) Identifier() =>
        !string.IsNullOrEmpty(Email) ? (Email, true)
        : !string.IsNullOrEmpty(Username) ? (Username, false)
        : (EmailOrUsername, EmailOrUsername?.Contains('@', StringComparison.Ordinal) == true);

    public override string ToString() =>
        $"{nameof(LoginCommand)} {{ Email = {Email}, Username = {Username}, EmailOrUsername = {EmailOrUsername}, Password = {Redaction.Of(Password)}, IpAddress = {IpAddress}, UserAgent = {UserAgent} }}";
}
