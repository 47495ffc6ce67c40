using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Interfaces;
using MediatR;

namespace CleanAuth.Application.Admin.Queries.GetStats;

public sealed class GetStatsQueryHandler : IRequestHandler<GetStatsQuery, StatsDto>
{
    /// <summary>The window of the <c>*_24h</c> figures.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    private readonly IStatsQueries _stats;
    private readonly TimeProvider _clock;

    public GetStatsQueryHandler(IStatsQueries stats, TimeProvider clock)
    {
        _stats = stats;
        _clock = clock;
    }

    public Task<StatsDto> Handle(GetStatsQuery request, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return _stats.GetAsync(now, now - RecentWindow, cancellationToken);
    }
}
