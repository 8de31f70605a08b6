using System.CommandLine;
using WorkflowHost.Hosting;

namespace WorkflowHost.Benchmarks;

/// <summary>The benchmark: builds the national-scale data set in databases of its own and times the product on it.
/// (An explicit class, not top-level statements: the tests reference this assembly beside the product's, and two
/// global <c>Program</c> types would collide.)</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args) =>
        await BenchCommand.Create(ProductSettings.Load(ProductRoot.Locate(), (string[]?)null)).Parse(args).InvokeAsync();
}
