using WorkflowHost.Cli;
using WorkflowHost.Hosting;

// One executable, two faces: with a verb it is the CLI; without one it runs the host.
var settings = ProductSettings.Load(ProductRoot.Locate());
if (CliApp.IsCliInvocation(args)) return await CliApp.RunAsync(args, settings);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = settings.Root });
builder.Services.AddWorkflowEngine(settings);
builder.Services.AddDocumentsAndMail(settings);
builder.Services.AddEngineScheduling(settings);

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.MapStatusEndpoints();
await app.RunAsync();
return 0;
