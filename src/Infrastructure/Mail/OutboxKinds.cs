namespace CleanAuth.Infrastructure.Mail;

/// <summary>Outbox rows that are not mails to send but work to run in the background.</summary>
internal static class OutboxKinds
{
    /// <summary>Run <c>IssuePasswordResetCommand</c> for the address in <see cref="OutboxMessage.Recipient"/>.</summary>
    public const string IssuePasswordReset = "work:issue-password-reset";

    public static bool IsWork(string kind) => kind.StartsWith("work:", StringComparison.Ordinal);
}
