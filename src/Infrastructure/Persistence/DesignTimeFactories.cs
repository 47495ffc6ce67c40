using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Used by <c>dotnet ef migrations add … --context SqliteCleanAuthDbContext</c> only.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCleanAuthDbContext>
{
    public SqliteCleanAuthDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteCleanAuthDbContext>();
        DbContextOptionsFactory.UseSqlite(builder, "Data Source=design-time.db");
        return new SqliteCleanAuthDbContext(builder.Options);
    }
}

/// <summary>Used by <c>dotnet ef migrations add … --context PostgresCleanAuthDbContext</c> only (no server is contacted).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCleanAuthDbContext>
{
    public PostgresCleanAuthDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresCleanAuthDbContext>();
        DbContextOptionsFactory.UsePostgres(builder, "Host=localhost;Database=cleanauth_design");
        return new PostgresCleanAuthDbContext(builder.Options);
    }
}
