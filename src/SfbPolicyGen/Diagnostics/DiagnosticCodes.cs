namespace SfbPolicyGen.Diagnostics;

/// <summary>Every diagnostic code, in one place. Errors are SFB0xx, warnings SFB1xx.
/// Codes are never reused or renumbered: CI filters and docs refer to them.</summary>
public static class DiagnosticCodes
{
    // Reading the file.
    public const string FileNotFound = "SFB001";
    public const string EmptyFile = "SFB002";
    public const string InvalidEncoding = "SFB003";
    public const string YamlSyntax = "SFB004";
    public const string AliasNotSupported = "SFB005";
    public const string MultipleDocuments = "SFB006";
    public const string TooDeep = "SFB007";
    public const string FileTooLarge = "SFB008";
    public const string ScalarTooLong = "SFB009";

    // Shape of the document.
    public const string UnknownKey = "SFB010";
    public const string DuplicateKey = "SFB011";
    public const string WrongType = "SFB012";
    public const string MissingKey = "SFB013";
    public const string InvalidChoice = "SFB014";
    public const string EmptyList = "SFB015";
    public const string DuplicateEntry = "SFB016";

    // Values.
    public const string InvalidTenantName = "SFB020";
    public const string InvalidDomainName = "SFB021";
    public const string DuplicateTenant = "SFB023";
    public const string InvalidNumber = "SFB024";
    public const string InvalidText = "SFB025";
    public const string InvalidAdmxIdentifier = "SFB026";
    public const string InvalidApplicationName = "SFB027";
    public const string InvalidDirectoryName = "SFB028";

    // The command line and the run (no place in a policy file).
    public const string InvalidCommandLine = "SFB080";
    public const string FileSystemError = "SFB081";
    public const string DnsServerError = "SFB082";
    public const string InternalError = "SFB099";

    // Templates.
    public const string TemplateError = "SFB090";

    // Warnings: reported, never fatal.
    public const string DomainListedTwice = "SFB101";
    public const string MicrosoftDefaultsDropped = "SFB102";
    public const string NoEnglishResources = "SFB103";
    public const string LowTtl = "SFB104";
    public const string UnusedTemplateOverride = "SFB105";
    public const string SettingHasNoEffect = "SFB106";
    public const string ImplicitLyncdiscover = "SFB107";
}
