using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Persistence;

/// <summary>
/// The host starts with a compiled EF Core model per provider (generated code) instead of building the model from
/// <see cref="WorkflowDbContext"/>'s configuration. A compiled model that no longer matches the configuration would
/// read and write the wrong columns, so this fails as soon as an entity, property, key, index or table changes without
/// the models being regenerated:
/// <c>dotnet run --project src/WorkflowHost.DesignTime --property:WithoutCompiledModels=true -- compiled-model</c>.
/// </summary>
public sealed class CompiledModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_compiled_model_is_the_model_the_context_builds(DatabaseProvider provider)
    {
        using var built = Context(provider, compiledModel: false);
        using var compiled = Context(provider, compiledModel: true);

        // The entities with their properties, keys, foreign keys, indexes and navigations, as EF describes them.
        Assert.Equal(Describe(built.Model), Describe(compiled.Model));
        // The tables, columns (store types, nullability), constraints and indexes (filters included) they map to.
        Assert.Equal(built.Model.GetRelationalModel().ToDebugString(), compiled.Model.GetRelationalModel().ToDebugString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_host_uses_the_compiled_model_of_its_provider(DatabaseProvider provider)
    {
        using var db = Context(provider, compiledModel: true);

        Assert.Equal($"WorkflowHost.Infrastructure.Persistence.CompiledModels.{provider}", db.Model.GetType().Namespace);
    }

    private static string Describe(IModel model) =>
        model.ToDebugString(MetadataDebugStringOptions.LongDefault & ~MetadataDebugStringOptions.IncludeAnnotations);

    // Models are compared, never connected to: the connection strings only choose the provider.
    private static WorkflowDbContext Context(DatabaseProvider provider, bool compiledModel)
    {
        var database = new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=model",
        };
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        database.Configure(options, Path.GetTempPath(), compiledModel);
        return new WorkflowDbContext(options.Options);
    }
}
