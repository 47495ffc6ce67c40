using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

public sealed class PostgresCleanAuthDbContext : CleanAuthDbContext
{
    public PostgresCleanAuthDbContext(DbContextOptions<PostgresCleanAuthDbContext> options)
        : base(options)
    {
    }
}
