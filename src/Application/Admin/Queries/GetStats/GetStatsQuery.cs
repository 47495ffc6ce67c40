using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Admin.Queries.GetStats;

[RequirePermission(Permissions.Stats.Read)]
public sealed record GetStatsQuery : IQuery<StatsDto>;
