using System.Text;
using CsCheck;
using Microsoft.OpenApi;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>multipart/form-data bodies for a form schema: hostile text fields, files with odd names, types and
/// contents (empty, disguised, a real PDF), sometimes a broken multipart or no form at all.</summary>
public static class Multipart
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static readonly Gen<byte[]> FileContent = Gen.OneOf(
        Pdf, [], "MZ\u0090\0"u8.ToArray(), "#!/bin/sh\n"u8.ToArray(), "PK\u0003\u0004garbage"u8.ToArray(), new byte[100_000]);

    private static readonly Gen<string> FileName = Gen.Frequency(
        (3, Gen.OneOf("报告.pdf", "a.pdf", "run.sh", "x.exe", "..\\..\\a.pdf", "../a.pdf", "a.pdf\u0000.exe", "\u202Efdp.exe", "CON.pdf", ".pdf", "a")),
        (1, HostileValues.Key));

    public static Gen<GeneratedBody> For(IOpenApiSchema? schema)
    {
        var properties = FuzzOperations.Properties(schema);
        var textFields = properties
            .Where(p => p.Value.Type?.HasFlag(JsonSchemaType.Array) != true && p.Value.Format != "binary").Select(p => p.Key).ToList();
        var fileField = properties
            .FirstOrDefault(p => p.Value.Type?.HasFlag(JsonSchemaType.Array) == true || p.Value.Format == "binary").Key ?? "files";
        var texts = Gen.Select(Gen.Const(textFields), HostileValues.Text.Select(t => t.Length > 5_000 ? t[..5_000] : t).List[textFields.Count],
            (names, values) => names.Zip(values).ToList());
        var file = Gen.Select(FileName, FileContent, Gen.OneOf("application/pdf", "application/octet-stream", "text/html", ""), (n, c, t) => (Name: n, Content: c, Type: t));
        var files = Gen.Frequency((1, Gen.Const(0)), (4, Gen.Int[1, 2]), (1, Gen.Int[3, 12])).SelectMany(n => file.List[n]);
        var form = Gen.Select(texts, files, (t, f) => Build(t, f, fileField));
        var broken = Gen.OneOf(
            new GeneratedBody("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno end"u8.ToArray(), "multipart without a boundary parameter"),
            new GeneratedBody("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno end"u8.ToArray(), "multipart cut short"),
            new GeneratedBody("multipart/form-data; boundary=" + new string('b', 200), "--"u8.ToArray(), "multipart with a 200-character boundary"),
            new GeneratedBody("application/json", "{\"note\":\"x\"}"u8.ToArray(), "JSON where a form is expected"),
            new GeneratedBody(null, null, "no body"));
        return Gen.Frequency((6, form), (1, broken));
    }

    private const string Boundary = "fuzz-boundary-7d1f";

    /// <summary>Written by hand: MultipartFormDataContent refuses the hostile file names the fuzzer must send. Quotes and
    /// line breaks in a name are percent-encoded as browsers do; every other character goes as it is, in UTF-8.</summary>
    private static GeneratedBody Build(List<(string Name, string Value)> texts, List<(string Name, byte[] Content, string Type)> files, string fileField)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        static string Quoted(string name) => name.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");
        foreach (var (name, value) in texts)
            Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{Quoted(name)}\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{value}\r\n");
        var total = 0;
        foreach (var (name, bytes, type) in files)
        {
            total += bytes.Length;
            if (total > 150_000) break; // the fuzzer keeps its bodies under 200 KB
            Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{fileField}\"; filename=\"{Quoted(name)}\"\r\n");
            if (type != "") Write($"Content-Type: {type}\r\n");
            Write("\r\n");
            body.Write(bytes);
            Write("\r\n");
        }
        Write($"--{Boundary}--\r\n");
        var summary = $"form: {string.Join(", ", texts.Select(t => $"{t.Name}={HostileValues.Json(FuzzRequest.Shorten(t.Value, 60))}"))}; files: {string.Join(", ", files.Select(f => $"{HostileValues.Json(FuzzRequest.Shorten(f.Name, 60))} ({f.Content.Length} B {f.Type})"))}";
        return new GeneratedBody($"multipart/form-data; boundary={Boundary}", body.ToArray(), summary);
    }
}
