using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// Fix All: many fixes in one document (nested scopes, adjacent statements, several commits in one block) and across
/// documents and projects. The testing framework applies the fix one diagnostic at a time and with Fix All in
/// document, project and solution scope, and requires every route to give the expected code in one pass.
/// </summary>
public partial class AW0001CodeFixTests
{
    [Fact]
    public Task Nested_streams_and_writes_inside_them_are_all_fixed_in_one_pass()
    {
        var test = Verify.Create(@"using System.IO;

class TokenStore
{
    void Save(byte[] token, byte[] key, string json)
    {
        using (var outer = {|AW0001:File.Create(""tokens.bin"")|})
        {
            outer.Write(token, 0, token.Length);
            using (var inner = {|AW0001:File.Create(""server.key"")|})
            {
                inner.Write(key, 0, key.Length);
                {|AW0001:File.WriteAllText(""settings.json"", json)|};
            }
        }
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] token, byte[] key, string json)
    {
        using (var outer = AtomicFile.Create(""tokens.bin""))
        {
            outer.Write(token, 0, token.Length);
            using (var inner = AtomicFile.Create(""server.key""))
            {
                inner.Write(key, 0, key.Length);
                AtomicFile.WriteAllText(""settings.json"", json);
                inner.Commit();
            }
            outer.Commit();
        }
    }
}");
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Stacked_usings_and_a_write_in_an_argument_are_fixed_in_one_pass()
    {
        var test = Verify.Create(@"using System.IO;

class TokenStore
{
    void Save(byte[] token, byte[] key)
    {
        using (var first = {|AW0001:File.Create(""tokens.bin"")|})
        using (var second = {|AW0001:File.Create(""server.key"")|})
        {
            first.Write(token, 0, token.Length);
            second.Write(key, 0, key.Length);
        }
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] token, byte[] key)
    {
        using (var first = AtomicFile.Create(""tokens.bin""))
        {
            using (var second = AtomicFile.Create(""server.key""))
            {
                first.Write(token, 0, token.Length);
                second.Write(key, 0, key.Length);
                second.Commit();
            }
            first.Commit();
        }
    }
}");
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Adjacent_writes_and_two_using_declarations_in_one_block_are_fixed_in_one_pass()
    {
        var test = Verify.Create(@"using System.IO;
using System.Xml.Linq;

class SettingsStore
{
    void Save(string json, byte[] key, XDocument doc)
    {
        {|AW0001:File.WriteAllText(""settings.json"", json)|}; {|AW0001:File.WriteAllBytes(""server.key"", key)|};
        {|AW0001:doc.Save(""settings.xml"")|};
        {|AW0001:doc.Save(""config.xml"")|};
        using var tokens = {|AW0001:File.Create(""tokens.bin"")|};
        using var writer = {|AW0001:new StreamWriter(""credentials.json"")|};
        tokens.Write(key, 0, key.Length);
        writer.Write(json);
    }
}", @"using System.IO;
using System.Xml.Linq;
using AtomicWrite;

class SettingsStore
{
    void Save(string json, byte[] key, XDocument doc)
    {
        AtomicFile.WriteAllText(""settings.json"", json); AtomicFile.WriteAllBytes(""server.key"", key);
        using (var stream = AtomicFile.Create(""settings.xml""))
        {
            doc.Save(stream);
            stream.Commit();
        }
        using (var stream1 = AtomicFile.Create(""config.xml""))
        {
            doc.Save(stream1);
            stream1.Commit();
        }
        using var tokens = AtomicFile.Create(""tokens.bin"");
        using var writer = AtomicFile.CreateText(""credentials.json"");
        tokens.Write(key, 0, key.Length);
        writer.Write(json);
        tokens.Commit();
        writer.Commit();
    }
}");
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_All_in_project_fixes_every_document()
    {
        var test = new Verify.FixTest();
        test.TestState.Sources.Add(("/0/Tokens.cs", @"using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}"));
        test.TestState.Sources.Add(("/0/Settings.cs", @"namespace App
{
    using System.IO;

    class SettingsStore
    {
        void Save(byte[] data)
        {
            using var stream = {|AW0001:File.Create(""settings.json"")|};
            stream.Write(data, 0, data.Length);
        }
    }
}"));
        test.FixedState.Sources.Add(("/0/Tokens.cs", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}"));
        test.FixedState.Sources.Add(("/0/Settings.cs", @"namespace App
{
    using System.IO;
    using AtomicWrite;

    class SettingsStore
    {
        void Save(byte[] data)
        {
            using var stream = AtomicFile.Create(""settings.json"");
            stream.Write(data, 0, data.Length);
            stream.Commit();
        }
    }
}"));
        test.NumberOfFixAllInDocumentIterations = 2; // one document per Fix All in document
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_All_in_solution_fixes_every_project()
    {
        var test = new Verify.FixTest();
        test.TestState.Sources.Add(@"using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}");
        var other = new ProjectState("Other", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/Other/Test", "cs");
        test.TestState.AdditionalProjects.Add("Other", other);
        other.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        other.AdditionalReferences.Add(Verify.Runtime);
        other.Sources.Add(@"using System.IO;

class KeyStore
{
    void Save(byte[] key) => {|AW0001:File.WriteAllBytes(""server.key"", key)|};
}");
        test.FixedState.Sources.Add(@"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");
        var fixedOther = new ProjectState("Other", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/Other/Test", "cs");
        test.FixedState.AdditionalProjects.Add("Other", fixedOther);
        fixedOther.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        fixedOther.AdditionalReferences.Add(Verify.Runtime);
        fixedOther.Sources.Add(@"using System.IO;
using AtomicWrite;

class KeyStore
{
    void Save(byte[] key) => AtomicFile.WriteAllBytes(""server.key"", key);
}");
        test.NumberOfFixAllInDocumentIterations = 2; // one document per Fix All in document
        test.NumberOfFixAllInProjectIterations = 2; // one project per Fix All in project
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }
}
