using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.CodeFixes.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>The AtomicFile fix applied to AW0001 (in-place writes to sensitive files).</summary>
public partial class AW0001CodeFixTests
{
    // ------------------------------------------------------------------ whole-file writes, every overload family

    [Theory]
    [InlineData("WriteAllText(path, text)")]
    [InlineData("WriteAllText(path, text, Encoding.UTF8)")]
    [InlineData("WriteAllText(path, text, new UTF8Encoding(false))")]
    [InlineData("WriteAllBytes(path, bytes)")]
    [InlineData("WriteAllLines(path, lines)")]
    [InlineData("WriteAllLines(path, lines, Encoding.Unicode)")]
    [InlineData("WriteAllLines(path, (IEnumerable<string>)lines)")]
    [InlineData("WriteAllLines(path, (IEnumerable<string>)lines, Encoding.ASCII)")]
    public Task Whole_file_sync_overload_keeps_its_arguments(string call) => Verify.FixAsync(@"using System.Collections.Generic;
using System.IO;
using System.Text;

class TokenStore
{
    void Save(string text, byte[] bytes, string[] lines)
    {
        var path = ""tokens.json"";
        {|AW0001:File." + call + @"|};
    }
}", @"using System.Collections.Generic;
using System.IO;
using System.Text;
using AtomicWrite;

class TokenStore
{
    void Save(string text, byte[] bytes, string[] lines)
    {
        var path = ""tokens.json"";
        AtomicFile." + call + @";
    }
}");

    [Theory]
    [InlineData("WriteAllTextAsync(path, text)")]
    [InlineData("WriteAllTextAsync(path, text, ct)")]
    [InlineData("WriteAllTextAsync(path, text, Encoding.UTF8, ct)")]
    [InlineData("WriteAllBytesAsync(path, bytes, ct)")]
    [InlineData("WriteAllLinesAsync(path, lines, ct)")]
    [InlineData("WriteAllLinesAsync(path, lines, Encoding.UTF8, cancellationToken: ct)")]
    public Task Whole_file_async_overload_keeps_await_ConfigureAwait_and_token(string call) => Verify.FixAsync(@"using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

class TokenStore
{
    async Task SaveAsync(string text, byte[] bytes, string[] lines, CancellationToken ct)
    {
        var path = ""tokens.json"";
        await {|AW0001:File." + call + @"|}.ConfigureAwait(false);
    }
}", @"using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite;

class TokenStore
{
    async Task SaveAsync(string text, byte[] bytes, string[] lines, CancellationToken ct)
    {
        var path = ""tokens.json"";
        await AtomicFile." + call + @".ConfigureAwait(false);
    }
}");

    [Fact]
    public Task Returned_task_without_await_is_kept() => Verify.FixAsync(@"using System.IO;
using System.Threading.Tasks;

class TokenStore
{
    Task SaveAsync(string json) => {|AW0001:File.WriteAllTextAsync(""tokens.json"", json)|};
}", @"using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

class TokenStore
{
    Task SaveAsync(string json) => AtomicFile.WriteAllTextAsync(""tokens.json"", json);
}");

    [Fact]
    public Task Comments_before_after_and_inside_the_call_are_kept() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    void Save(string json)
    {
        // Persist the refresh token.
        /* before */ {|AW0001:File.WriteAllText(/* path */ ""tokens.json"", // the token file
            json /* body */)|}; // after
        // done
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json)
    {
        // Persist the refresh token.
        /* before */ AtomicFile.WriteAllText(/* path */ ""tokens.json"", // the token file
            json /* body */); // after
        // done
    }
}");

    [Fact]
    public Task Named_arguments_out_of_order_are_kept() => Verify.FixAsync(@"using System.IO;
using System.Text;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(encoding: Encoding.UTF8, contents: json, path: ""tokens.json"")|};
}", @"using System.IO;
using System.Text;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(encoding: Encoding.UTF8, contents: json, path: ""tokens.json"");
}");

    [Fact]
    public Task Lambdas_are_fixed_in_place() => Verify.FixAsync(@"using System;
using System.IO;
using System.Threading.Tasks;

class TokenStore
{
    Action<string> Saver => json => {|AW0001:File.WriteAllText(""tokens.json"", json)|};

    Task SaveLater(string json) => Task.Run(async () =>
    {
        await {|AW0001:File.WriteAllTextAsync(""tokens.json"", json)|};
    });
}", @"using System;
using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

class TokenStore
{
    Action<string> Saver => json => AtomicFile.WriteAllText(""tokens.json"", json);

    Task SaveLater(string json) => Task.Run(async () =>
    {
        await AtomicFile.WriteAllTextAsync(""tokens.json"", json);
    });
}");

    [Fact]
    public Task Fully_qualified_and_global_qualified_File_are_replaced() => Verify.FixAsync(@"class TokenStore
{
    void Save(string json, byte[] key)
    {
        {|AW0001:System.IO.File.WriteAllText(""tokens.json"", json)|};
        {|AW0001:global::System.IO.File.WriteAllBytes(""server.key"", key)|};
    }
}", @"using AtomicWrite;

class TokenStore
{
    void Save(string json, byte[] key)
    {
        AtomicFile.WriteAllText(""tokens.json"", json);
        AtomicFile.WriteAllBytes(""server.key"", key);
    }
}");

    [Fact]
    public Task Using_static_File_call_is_qualified() => Verify.FixAsync(@"using static System.IO.File;

class TokenStore
{
    void Save(string json) => {|AW0001:WriteAllText(""tokens.json"", json)|};
}", @"using AtomicWrite;
using static System.IO.File;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");

    [Fact]
    public Task Top_level_statements_are_fixed()
    {
        var test = Verify.Create(@"using System.IO;

var json = ""{}"";
{|AW0001:File.WriteAllText(""settings.json"", json)|};
System.Console.WriteLine(""saved"");
", @"using System.IO;
using AtomicWrite;

var json = ""{}"";
AtomicFile.WriteAllText(""settings.json"", json);
System.Console.WriteLine(""saved"");
");
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    // ------------------------------------------------------------------ imports

    [Fact]
    public Task Using_goes_inside_the_namespace_when_the_file_keeps_usings_there() => Verify.FixAsync(@"namespace App
{
    using System.IO;

    class TokenStore
    {
        void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
    }
}", @"namespace App
{
    using System.IO;
    using AtomicWrite;

    class TokenStore
    {
        void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
    }
}");

    [Fact]
    public Task Using_goes_after_a_file_scoped_namespace_that_holds_the_usings() => Verify.FixAsync(@"namespace App;

using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}", @"namespace App;

using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");

    [Fact]
    public Task Using_follows_the_existing_order_with_System_first() => Verify.FixAsync(@"using System;
using System.IO;
using Zeta;

namespace Zeta { class Marker { } }

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}", @"using System;
using System.IO;
using AtomicWrite;
using Zeta;

namespace Zeta { class Marker { } }

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");

    [Fact]
    public Task Using_goes_after_the_file_header_when_the_file_has_none() => Verify.FixAsync(@"// Copyright (c) Example.
// Licensed under the MIT license.

/// <summary>Stores tokens.</summary>
public class TokenStore
{
    /// <summary>Saves.</summary>
    public void Save(string json) => {|AW0001:System.IO.File.WriteAllText(""tokens.json"", json)|};
}", @"// Copyright (c) Example.
// Licensed under the MIT license.
using AtomicWrite;

/// <summary>Stores tokens.</summary>
public class TokenStore
{
    /// <summary>Saves.</summary>
    public void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");

    [Fact]
    public Task Global_using_in_another_file_means_no_new_using()
    {
        var test = Verify.Create(@"using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}", @"using System.IO;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", "global using AtomicWrite;\n"));
        test.FixedState.Sources.Add(("/0/GlobalUsings.cs", "global using AtomicWrite;\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Existing_using_is_not_duplicated() => Verify.FixAsync(@"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");

    [Fact]
    public Task A_user_type_named_AtomicFile_makes_the_fix_qualify_the_name() => Verify.FixAsync(@"using System.IO;

namespace App
{
    class AtomicFile { }

    class TokenStore
    {
        void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
    }
}", @"using System.IO;

namespace App
{
    class AtomicFile { }

    class TokenStore
    {
        void Save(string json) => AtomicWrite.AtomicFile.WriteAllText(""tokens.json"", json);
    }
}");

    [Fact]
    public Task A_shadowed_AtomicWrite_namespace_makes_the_fix_use_global() => Verify.FixAsync(@"using System.IO;

namespace App.AtomicWrite
{
    class AtomicFile { }

    class TokenStore
    {
        void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
    }
}", @"using System.IO;

namespace App.AtomicWrite
{
    class AtomicFile { }

    class TokenStore
    {
        void Save(string json) => global::AtomicWrite.AtomicFile.WriteAllText(""tokens.json"", json);
    }
}");

    [Fact]
    public Task An_import_that_would_make_another_name_ambiguous_is_not_added() => Verify.FixAsync(@"using System.IO;
using Vendor;

namespace Vendor { public enum SymlinkPolicy { Keep } }

class TokenStore
{
    SymlinkPolicy Policy = SymlinkPolicy.Keep;

    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}", @"using System.IO;
using Vendor;

namespace Vendor { public enum SymlinkPolicy { Keep } }

class TokenStore
{
    SymlinkPolicy Policy = SymlinkPolicy.Keep;

    void Save(string json) => AtomicWrite.AtomicFile.WriteAllText(""tokens.json"", json);
}");

    [Fact]
    public Task Crlf_line_endings_are_kept() => Verify.FixAsync(
        "using System.IO;\r\n\r\nclass TokenStore\r\n{\r\n    void Save(byte[] data)\r\n    {\r\n        using (var stream = {|AW0001:File.Create(\"tokens.bin\")|})\r\n        {\r\n            stream.Write(data, 0, data.Length);\r\n        }\r\n    }\r\n}\r\n",
        "using System.IO;\r\nusing AtomicWrite;\r\n\r\nclass TokenStore\r\n{\r\n    void Save(byte[] data)\r\n    {\r\n        using (var stream = AtomicFile.Create(\"tokens.bin\"))\r\n        {\r\n            stream.Write(data, 0, data.Length);\r\n            stream.Commit();\r\n        }\r\n    }\r\n}\r\n");

    // ------------------------------------------------------------------ when the fix is not offered

    [Fact]
    public Task No_fix_without_the_runtime_reference()
    {
        var test = Verify.Create(@"using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}", @"using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}");
        test.TestState.AdditionalReferences.Remove(Verify.Runtime);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Reason_is_given_when_no_fix_is_offered()
    {
        var reasons = await Verify.NoFixReasonsAsync(@"using System.IO;

class TokenStore
{
    Stream Open() { var stream = File.Create(""tokens.json""); return stream; }
    void Save(string json) => File.WriteAllText(""settings.json"", json);
}");
        Assert.Equal(2, reasons.Length);
        Assert.StartsWith("NotInUsing:", reasons[0]);
        Assert.Null(reasons[1]);

        // Without the runtime the analyzer itself says so (AtomicFile is resolved once per compilation).
        var withoutRuntime = await Verify.FixerDiagnosticsAsync(@"using System.IO;
class TokenStore { void Save(string json) => File.WriteAllText(""settings.json"", json); }", withRuntime: false);
        Assert.StartsWith("RuntimeNotReferenced:", Assert.Single(withoutRuntime).Properties[NoFixReasons.PropertyName]);

        Assert.EndsWith("(no code fix: RuntimeNotReferenced)", Assert.Single(withoutRuntime).GetMessage());

        // A stream that is not held by a using: the analyzer sees it in the syntax and says so, in the property
        // and as the end of the message.
        var notInUsing = Assert.Single(await Verify.FixerDiagnosticsAsync(@"using System.IO;
class TokenStore { Stream Open() { var stream = File.Create(""tokens.json""); return stream; } }"));
        Assert.StartsWith("NotInUsing:", notInUsing.Properties[NoFixReasons.PropertyName]);
        Assert.EndsWith("looks like a credentials file (no code fix: NotInUsing)", notInUsing.GetMessage());

        // Reasons that need the uses of the variable bound are the planner's alone: only "Sink" is set and the
        // message has no suffix.
        var escapes = Assert.Single(await Verify.FixerDiagnosticsAsync(@"using System.IO;
class TokenStore { Stream _kept; void Open() { using (var stream = File.Create(""tokens.json"")) { _kept = stream; } } }"));
        Assert.False(escapes.Properties.ContainsKey(NoFixReasons.PropertyName));
        Assert.DoesNotContain("no code fix", escapes.GetMessage());
        Assert.Equal(new string?[] { "Escapes: " + "the stream or writer escapes (returned, stored, wrapped or passed on), so it cannot be committed at the end of its scope" },
            await Verify.NoFixReasonsAsync(@"using System.IO;
class TokenStore { Stream _kept; void Open() { using (var stream = File.Create(""tokens.json"")) { _kept = stream; } } }"));
    }
}
