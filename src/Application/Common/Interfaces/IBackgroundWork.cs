namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// Work queued in the current transaction and carried out in the background (at least once), for requests whose
/// answer must not depend on, or wait for, what the work finds.
/// </summary>
public interface IBackgroundWork
{
    /// <summary>Runs <c>IssuePasswordResetCommand</c> for the address later.</summary>
    void IssuePasswordReset(string normalizedEmail);
}
