namespace CleanAuth.WebApi.Controllers;

/// <summary>OpenAPI tags. The auth endpoints are split over several controllers but keep the one tag they always had.</summary>
internal static class ApiTags
{
    public const string Auth = "Auth";
}
