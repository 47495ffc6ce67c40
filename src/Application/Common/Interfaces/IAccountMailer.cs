namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// Queues the account emails. Messages join the command's transaction (an outbox) and are delivered in the
/// background, so a mail server outage never fails or loses a request. Links are built from the configured
/// public base URL, never from the request.
/// </summary>
public interface IAccountMailer
{
    void EmailVerification(string toEmail, string token);

    void PasswordReset(string toEmail, string token);

    void Invitation(string toEmail, string token);

    void PasswordChanged(string toEmail);

    void EmailChangeRequested(string oldEmail, string newEmail);

    /// <summary>
    /// An administrator replaced the account's address; told to the old one, without naming the new one (an address
    /// taken from its owner may be the reason for the change).
    /// </summary>
    void EmailChangedByAdministrator(string oldEmail);

    void AccountAlreadyExists(string toEmail);

    /// <summary>Too many failed sign-ins locked the account until <paramref name="lockedUntil"/> (UTC).</summary>
    void AccountLocked(string toEmail, DateTime lockedUntil);
}
