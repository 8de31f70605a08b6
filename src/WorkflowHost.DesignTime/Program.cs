using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

// Usage: dotnet run --project src/WorkflowHost.DesignTime -- add NAME
// Scaffolds migration NAME for SQLite and for PostgreSQL into their migrations projects.
if (args is not ["add", var name])
{
    Console.Error.WriteLine("usage: add MIGRATION_NAME");
    return 2;
}

var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
foreach (var provider in Enum.GetValues<DatabaseProvider>())
{
    var database = new DatabaseOptions
    {
        Provider = provider,
        // Scaffolding compares models only; it never connects.
        ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=design.db" : "Host=localhost;Database=design",
    };
    var options = new DbContextOptionsBuilder<WorkflowDbContext>();
    database.Configure(options, Path.GetTempPath());
    using var db = new WorkflowDbContext(options.Options);

    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
    IDesignTimeServices providerServices = provider == DatabaseProvider.Sqlite
        ? new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()
        : new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices();
    providerServices.ConfigureDesignTimeServices(services);
    using var provided = services.BuildServiceProvider();

    var project = $"WorkflowHost.Migrations.{provider}";
    var scaffolder = provided.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, project, "Migrations", "C#", false);
    var files = scaffolder.Save(Path.Combine(src, project), migration, Path.Combine(src, project, "Migrations"));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}
return 0;
