namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// The unit of work's transaction begins at its first write, not with the command (ADR-004): until then reads run
/// outside any transaction and the connection goes back to the pool between them, so nothing is held while a password
/// hash runs. Every repository method that sends a write statement at once (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>,
/// <c>ExecuteSql</c>) calls <see cref="BeginWritingAsync"/> first; tracked changes begin it at the end, before the
/// before-commit events and <c>SaveChanges</c>.
/// </summary>
internal static class WriteTransactions
{
    /// <summary>
    /// Begins the running unit of work's transaction unless it has begun already. On SQLite this is <c>BEGIN IMMEDIATE</c>
    /// (Microsoft.Data.Sqlite's default): the write lock is taken at once, so writers serialize instead of failing to
    /// upgrade a read lock. Outside a unit of work it does nothing: the statement commits on its own, as before.
    /// </summary>
    public static Task BeginWritingAsync(this CleanAuthDbContext db, CancellationToken cancellationToken) =>
        db.UnitOfWorkRunning && db.Database.CurrentTransaction is null
            ? db.Database.BeginTransactionAsync(cancellationToken)
            : Task.CompletedTask;
}
