using WorkflowHost.Cli;
using WorkflowHost.Hosting;
using WorkflowHost.Web;

// One executable, two faces: with a verb it is the CLI; without one it runs the host.
StartupTimeline.Mark("main");
var isCli = CliApp.IsCliInvocation(args);
var settings = ProductSettings.Load(ProductRoot.Locate(), isCli ? null : args);
if (isCli) return await CliApp.RunAsync(args, settings);
settings.StartModelWarmup();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = settings.Root });
builder.Services.AddWorkflowEngine(settings);
builder.Services.AddMail(settings);
builder.Services.AddEngineScheduling(settings);
builder.Services.AddWebApp(settings);

var app = builder.Build();
StartupTimeline.Mark("services built");
await app.Services.PrepareDatabaseAsync();
StartupTimeline.Mark("database prepared");
await app.PrepareWebAppAsync();
StartupTimeline.Mark("web app prepared");
app.UseStartupTimeline();
app.MapStatusEndpoints();
app.MapWebApp();
app.WarmEndpointsInBackground();
await app.RunAsync();
return 0;
