using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

// Usage: dotnet run --project src/WorkflowHost.DesignTime -- add NAME
//        Scaffolds migration NAME for SQLite and for PostgreSQL into their migrations projects.
//        dotnet run --project src/WorkflowHost.DesignTime --property:WithoutCompiledModels=true -- compiled-model
//        Regenerates the compiled EF Core models (one per provider) the host starts with; run it after any model
//        change (CompiledModelTests fails until then).
var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
switch (args)
{
    case ["add", var name]:
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            using var db = CreateContext(provider);
            using var provided = DesignTimeServices(db, provider);
            var project = $"WorkflowHost.Migrations.{provider}";
            var scaffolder = provided.GetRequiredService<IMigrationsScaffolder>();
            var migration = scaffolder.ScaffoldMigration(name, project, "Migrations", "C#", false);
            var files = scaffolder.Save(Path.Combine(src, project), migration, Path.Combine(src, project, "Migrations"));
            Console.WriteLine($"{provider}: {files.MigrationFile}");
        }
        return 0;
    case ["compiled-model"]:
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            using var db = CreateContext(provider);
            using var provided = DesignTimeServices(db, provider);
            var output = Path.Combine(src, "WorkflowHost.Infrastructure", CompiledModels.Folder, provider.ToString());
            // Files of entities removed from the model must not survive the regeneration.
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            var files = provided.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
                db.GetService<IDesignTimeModel>().Model, output, new CompiledModelCodeGenerationOptions
                {
                    ContextType = typeof(WorkflowDbContext),
                    ModelNamespace = CompiledModels.Namespace(provider),
                    Language = "C#",
                    UseNullableReferenceTypes = true,
                });
            foreach (var file in files) CompiledModels.RemoveDiscoveryAttribute(file);
            Console.WriteLine($"{provider}: {files.Count} files in {output}");
        }
        return 0;
    default:
        Console.Error.WriteLine("usage: add MIGRATION_NAME | compiled-model");
        return 2;
}

// The model as OnModelCreating builds it, never the compiled one: both verbs derive code from the model itself.
static WorkflowDbContext CreateContext(DatabaseProvider provider)
{
    var database = new DatabaseOptions
    {
        Provider = provider,
        // Scaffolding compares models only; it never connects.
        ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=design.db" : "Host=localhost;Database=design",
    };
    var options = new DbContextOptionsBuilder<WorkflowDbContext>();
    database.Configure(options, Path.GetTempPath(), compiledModel: false);
    return new WorkflowDbContext(options.Options);
}

static ServiceProvider DesignTimeServices(WorkflowDbContext db, DatabaseProvider provider)
{
    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
    IDesignTimeServices providerServices = provider == DatabaseProvider.Sqlite
        ? new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()
        : new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices();
    providerServices.ConfigureDesignTimeServices(services);
    return services.BuildServiceProvider();
}

/// <summary>Where the compiled models live and how they are made safe to keep side by side.</summary>
internal static class CompiledModels
{
    public const string Folder = "Persistence/CompiledModels";

    public static string Namespace(DatabaseProvider provider) => $"WorkflowHost.Infrastructure.Persistence.CompiledModels.{provider}";

    /// <summary>EF Core picks up a compiled model on its own through an assembly attribute the generator writes in a
    /// file of its own; with two providers' models in one assembly, the SQLite host could find the PostgreSQL model.
    /// The host names its model explicitly (DatabaseOptions.Configure), so that file goes.</summary>
    public static void RemoveDiscoveryAttribute(string path)
    {
        if (path.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal)) File.Delete(path);
        else if (File.ReadAllText(path).Contains("[assembly: DbContextModel(", StringComparison.Ordinal))
            throw new InvalidOperationException($"{path} declares the model for discovery: remove the attribute here too");
    }
}
