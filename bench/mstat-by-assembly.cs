// What each assembly brings into a Native AOT binary, from ILC's mstat file (-p:IlcGenerateMstatFile=true,
// written beside the native object). bench/startup.sh copies this file out of the repository and runs it
// with `dotnet run --file` (a .NET 10 file-based program, outside the repository's build settings).
//
// The mstat file is an IL assembly whose <Module> type has three methods: "Types" (for each MethodTable:
// ldtoken of the type, then its size), "Methods" (ldtoken of the method, then the sizes of its code, GC
// information and EH information) and "Blobs" (ldstr of a name, then its size); newer versions append
// more integers to each entry, so each entry here is a token (or a string) and the integers after it.
// A type is charged to the assembly that defines it; an instantiation (List<Foo>) to the assembly of its
// generic type definition; a method to the assembly of its declaring type.
//
// Usage: dotnet run --file mstat-by-assembly.cs -- FILE.mstat [TOP]
// Prints a Markdown table: assembly, type data (MethodTables: what start-up rehydrates or relocates),
// method code (with GC and EH information), total; then the largest blobs.
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: mstat-by-assembly FILE.mstat [TOP]");
    return 2;
}
var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();

var module = md.TypeDefinitions.Select(md.GetTypeDefinition).First(t => md.GetString(t.Name) == "<Module>");
MethodBodyBlock? Body(string name)
{
    foreach (var handle in module.GetMethods())
    {
        var method = md.GetMethodDefinition(handle);
        if (md.GetString(method.Name) == name)
        {
            return pe.GetMethodBody(method.RelativeVirtualAddress);
        }
    }
    return null;
}

// The entries of one method: (token or 0, string or null, integers after it).
List<(int Token, string? Text, List<int> Values)> Entries(MethodBodyBlock? body)
{
    var entries = new List<(int, string?, List<int>)>();
    if (body is null)
    {
        return entries;
    }
    var il = body.GetILReader();
    while (il.RemainingBytes > 0)
    {
        var op = il.ReadByte();
        switch (op)
        {
            case 0xD0: entries.Add((il.ReadInt32(), null, new List<int>())); break; // ldtoken
            case 0x72: entries.Add((0, md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF)), new List<int>())); break; // ldstr
            case 0x20: Value(il.ReadInt32()); break; // ldc.i4
            case 0x1F: Value(il.ReadSByte()); break; // ldc.i4.s
            case >= 0x15 and <= 0x1E: Value(op - 0x16); break; // ldc.i4.m1 .. ldc.i4.8
            case 0x21: il.ReadInt64(); break; // ldc.i8
            case 0x26 or 0x2A or 0x00: break; // pop, ret, nop
            default: throw new InvalidDataException($"unexpected IL opcode 0x{op:X2} at {il.Offset - 1}");
        }
    }
    return entries;

    void Value(int value)
    {
        if (entries.Count > 0)
        {
            entries[^1].Item3.Add(value);
        }
    }
}

string AssemblyOf(EntityHandle handle, int depth = 0)
{
    if (depth > 20 || handle.IsNil)
    {
        return "(unknown)";
    }
    switch (handle.Kind)
    {
        case HandleKind.TypeReference:
            var reference = md.GetTypeReference((TypeReferenceHandle)handle);
            return reference.ResolutionScope.Kind switch
            {
                HandleKind.AssemblyReference => md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name),
                HandleKind.TypeReference => AssemblyOf((EntityHandle)reference.ResolutionScope, depth + 1),
                _ => "(compiler-generated)",
            };
        case HandleKind.TypeSpecification:
            var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
            while (true)
            {
                var code = blob.ReadSignatureTypeCode();
                switch (code)
                {
                    case SignatureTypeCode.GenericTypeInstance:
                    case SignatureTypeCode.SZArray:
                    case SignatureTypeCode.Array:
                    case SignatureTypeCode.Pointer:
                    case SignatureTypeCode.ByReference:
                    case SignatureTypeCode.Pinned:
                        continue;
                    case SignatureTypeCode.TypeHandle:
                        return AssemblyOf(blob.ReadTypeHandle(), depth + 1);
                    case SignatureTypeCode.GenericTypeParameter:
                    case SignatureTypeCode.GenericMethodParameter:
                        return "(unknown)";
                    default:
                        return "System.Private.CoreLib"; // primitives, object, string, function pointers
                }
            }
        case HandleKind.MemberReference:
            return AssemblyOf(md.GetMemberReference((MemberReferenceHandle)handle).Parent, depth + 1);
        case HandleKind.MethodSpecification:
            return AssemblyOf(md.GetMethodSpecification((MethodSpecificationHandle)handle).Method, depth + 1);
        case HandleKind.TypeDefinition:
        case HandleKind.MethodDefinition:
            return "(compiler-generated)";
        default:
            return "(unknown)";
    }
}

var types = new Dictionary<string, long>();
var methods = new Dictionary<string, long>();
foreach (var (token, _, values) in Entries(Body("Types")))
{
    var assembly = AssemblyOf(MetadataTokens.EntityHandle(token));
    types[assembly] = types.GetValueOrDefault(assembly) + (values.Count > 0 ? values[0] : 0);
}
foreach (var (token, _, values) in Entries(Body("Methods")))
{
    var assembly = AssemblyOf(MetadataTokens.EntityHandle(token));
    methods[assembly] = methods.GetValueOrDefault(assembly) + values.Take(3).Sum();
}
var blobs = Entries(Body("Blobs")).Select(e => (Name: e.Text ?? "?", Size: e.Values.Count > 0 ? (long)e.Values[0] : 0)).ToList();

var rows = types.Keys.Union(methods.Keys)
    .Select(a => (Assembly: a, Types: types.GetValueOrDefault(a), Methods: methods.GetValueOrDefault(a)))
    .OrderByDescending(r => r.Types + r.Methods).ToList();
static string Kb(long bytes) => (bytes / 1024.0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

Console.WriteLine($"| assembly | type data KiB (MethodTables) | code KiB (with GC and EH info) | total KiB |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var row in rows.Take(top))
{
    Console.WriteLine($"| {row.Assembly} | {Kb(row.Types)} | {Kb(row.Methods)} | {Kb(row.Types + row.Methods)} |");
}
var rest = rows.Skip(top).ToList();
if (rest.Count > 0)
{
    Console.WriteLine($"| {rest.Count} others | {Kb(rest.Sum(r => r.Types))} | {Kb(rest.Sum(r => r.Methods))} | {Kb(rest.Sum(r => r.Types + r.Methods))} |");
}
Console.WriteLine($"| **all** | {Kb(rows.Sum(r => r.Types))} | {Kb(rows.Sum(r => r.Methods))} | {Kb(rows.Sum(r => r.Types + r.Methods))} |");
Console.WriteLine();
Console.WriteLine($"Blobs: {Kb(blobs.Sum(b => b.Size))} KiB in all; the largest: "
    + string.Join(", ", blobs.OrderByDescending(b => b.Size).Take(6).Select(b => $"{b.Name} {Kb(b.Size)} KiB")) + ".");
return 0;
