using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// The served OpenAPI document's operations (per path and method: operation id, tags, summary, description,
/// parameters, request body, responses, security) and component schemas must equal the committed snapshot, so a refactoring of the
/// controllers provably leaves the HTTP contract as it was. A deliberate contract change updates the snapshot:
/// run this test with <c>CLEANAUTH_UPDATE_SNAPSHOT=1</c>, review the file's diff, commit it.
/// </summary>
public sealed class OpenApiSnapshotTests(ApiFixture api)
{
    public const string SnapshotFileName = "openapi-operations.snapshot.json";
    public const string UpdateVariable = "CLEANAUTH_UPDATE_SNAPSHOT";

    private static readonly string[] s_operationFields = ["operationId", "tags", "summary", "description", "deprecated", "parameters", "requestBody", "responses", "security"];
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task OpenApiOperations_WhenServed_ShouldMatchTheCommittedSnapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.GetAsync("/openapi/v1.json", ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

        var actual = Serialize(Operations(served));
        var sourceFile = SourceSnapshotPath();
        var expectedFile = Path.Combine(AppContext.BaseDirectory, "Platform", SnapshotFileName);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            // The committed file, and its copy in the output directory so that a run without a rebuild sees it too.
            await File.WriteAllTextAsync(sourceFile, actual, ct);
            await File.WriteAllTextAsync(expectedFile, actual, ct);
            return;
        }

        File.Exists(expectedFile).Should().BeTrue($"the snapshot {expectedFile} is copied to the output directory");
        var expected = await File.ReadAllTextAsync(expectedFile, ct);
        if (Normalize(expected) == Normalize(actual))
        {
            return;
        }

        var actualFile = Path.Combine(AppContext.BaseDirectory, "Platform", "openapi-operations.actual.json");
        await File.WriteAllTextAsync(actualFile, actual, ct);
        Assert.Fail(
            $"The served OpenAPI operations differ from the snapshot {sourceFile}.{Environment.NewLine}" +
            $"(- snapshot, + served; JSON pointers into the snapshot; the whole served projection is in {actualFile})" +
            $"{Environment.NewLine}{Diff(JsonNode.Parse(expected)!, JsonNode.Parse(actual)!)}{Environment.NewLine}" +
            $"If this change of the HTTP contract is deliberate, rewrite the snapshot with {UpdateVariable}=1 " +
            $"(e.g. `{UpdateVariable}=1 dotnet test --project tests/WebApi.FunctionalTests -c Release -- --filter-class '{typeof(OpenApiSnapshotTests).FullName}'`), " +
            "then review and commit its diff.");
    }

    /// <summary>
    /// The document's top-level tags; per path and method, the fields of the operation that make its contract; and the
    /// component schemas the operations refer to (the bodies' shapes). Object keys sorted, arrays in their order.
    /// </summary>
    private static JsonObject Operations(JsonNode document)
    {
        var paths = new JsonObject();
        foreach (var (path, item) in document["paths"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var methods = new JsonObject();
            foreach (var (method, operation) in item!.AsObject().OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                var fields = new JsonObject();
                foreach (var field in s_operationFields)
                {
                    if (operation![field] is { } value)
                    {
                        fields[field] = Sorted(value);
                    }
                }

                methods[method] = fields;
            }

            paths[path] = methods;
        }

        var projection = new JsonObject();
        if (document["tags"] is { } tags)
        {
            projection["tags"] = Sorted(tags);
        }

        projection["paths"] = paths;
        if (document["components"]?["schemas"] is { } schemas)
        {
            projection["schemas"] = Sorted(schemas);
        }

        return projection;
    }

    /// <summary>A deep copy with every object's keys in ordinal order; arrays keep their order.</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static string Serialize(JsonNode node) => node.ToJsonString(s_indented) + "\n";

    private static string Normalize(string json) => json.ReplaceLineEndings("\n").TrimEnd();

    /// <summary>Every leaf as "JSON pointer: value"; then what is only in the snapshot (-) and only served (+).</summary>
    private static string Diff(JsonNode expected, JsonNode actual)
    {
        var before = Leaves(expected);
        var after = Leaves(actual);
        var lines = new StringBuilder();
        foreach (var pointer in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(pointer, out var old);
            var has = after.TryGetValue(pointer, out var now);
            if (had && has && old == now)
            {
                continue;
            }

            if (had)
            {
                lines.Append("- ").Append(pointer).Append(": ").AppendLine(old);
            }

            if (has)
            {
                lines.Append("+ ").Append(pointer).Append(": ").AppendLine(now);
            }
        }

        return lines.ToString();
    }

    private static SortedDictionary<string, string> Leaves(JsonNode root)
    {
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "");
        return leaves;

        void Walk(JsonNode? node, string pointer)
        {
            switch (node)
            {
                case JsonObject o when o.Count > 0:
                    foreach (var (key, value) in o)
                    {
                        Walk(value, $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}");
                    }

                    break;
                case JsonArray a when a.Count > 0:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{pointer}/{i}");
                    }

                    break;
                default:
                    leaves[pointer] = node?.ToJsonString() ?? "null";
                    break;
            }
        }
    }

    /// <summary>The committed snapshot next to this source file, which the update mode rewrites.</summary>
    private static string SourceSnapshotPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, SnapshotFileName);
}
