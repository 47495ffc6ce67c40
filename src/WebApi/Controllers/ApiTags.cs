namespace CleanAuth.WebApi.Controllers;

/// <summary>OpenAPI tags for endpoints split over several controllers: the auth endpoints keep the one tag they always had.</summary>
internal static class ApiTags
{
    public const string Auth = "Auth";

    /// <summary>The admin API (/api/v1/admin), split over several controllers.</summary>
    public const string Admin = "Admin";
}
