using AutoMapper;
using AutoMapper.Internal;

namespace CleanAuth.Application.Common.Mappings;

/// <summary>
/// Settings every AutoMapper configuration in CleanAuth shares. AutoMapper 14 carries GHSA-rvv3-g6hj-g44x
/// (unbounded recursion on deep graphs); we map only our own entities to flat DTOs and cap depth on every map.
/// </summary>
public static class MappingDefaults
{
    public const int MaxDepth = 4;

    public static void Apply(IMapperConfigurationExpression configuration) =>
        configuration.Internal().ForAllMaps((_, map) => map.MaxDepth(MaxDepth));
}
