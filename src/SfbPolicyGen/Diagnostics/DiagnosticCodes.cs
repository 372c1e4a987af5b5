namespace SfbPolicyGen.Diagnostics;

/// <summary>Every diagnostic code, in one place. Errors are SFB0xx, warnings SFB1xx.
/// Codes are never reused or renumbered: CI filters and docs refer to them.
/// Each code is raised by exactly one function, named beside it, and a function raises only its own
/// codes (octoDNS's validator ids): grep a code to find its rule, a rule to find its code. A test
/// (tests/.../Loading/DiagnosticCodeTests.cs) holds the source to this table.</summary>
public static class DiagnosticCodes
{
    // Reading the file.
    public const string FileNotFound = "SFB001"; // PolicyFiles.NotFound
    public const string EmptyFile = "SFB002"; // YamlDocumentReader.Read
    public const string InvalidEncoding = "SFB003"; // YamlDocumentReader.Read
    public const string YamlSyntax = "SFB004"; // YamlDocumentReader.Read
    public const string AliasNotSupported = "SFB005"; // YamlDocumentReader.ReadNode
    public const string MultipleDocuments = "SFB006"; // YamlDocumentReader.Read
    public const string TooDeep = "SFB007"; // YamlDocumentReader.ReadNode
    public const string FileTooLarge = "SFB008"; // Generator.LoadOne
    public const string ScalarTooLong = "SFB009"; // YamlDocumentReader.ReadNode

    // Shape of the document.
    public const string UnknownKey = "SFB010"; // MappingReader.MappingReader
    public const string DuplicateKey = "SFB011"; // MappingReader.MappingReader
    public const string WrongType = "SFB012"; // ValueReader.WrongType
    public const string MissingKey = "SFB013"; // SectionReader.Require
    public const string InvalidChoice = "SFB014"; // ValueReader.Choice
    public const string EmptyList = "SFB015"; // ValueReader.UniqueList
    public const string DuplicateEntry = "SFB016"; // ValueReader.UniqueList
    public const string EmptyEntry = "SFB017"; // ValueReader.UniqueList
    public const string TagNotSupported = "SFB018"; // YamlDocumentReader.ReadNode

    // Values.
    public const string InvalidTenantName = "SFB020"; // PolicyLoader.TenantName
    public const string InvalidDomainName = "SFB021"; // ValueReader.Name
    public const string DuplicateTenant = "SFB023"; // Generator.LoadAll
    public const string InvalidNumber = "SFB024"; // ValueReader.WholeNumber
    public const string InvalidText = "SFB025"; // ValueReader.Text
    public const string InvalidAdmxIdentifier = "SFB026"; // PolicyLoader.AdmxIdentifier
    public const string InvalidApplicationName = "SFB027"; // PolicyLoader.ApplicationName
    public const string InvalidDirectoryName = "SFB028"; // PolicyLoader.DirectoryValue
    public const string DomainOfTwoTenants = "SFB029"; // Generator.OneOwnerPerDomain
    public const string RetiredButKept = "SFB030"; // CrossFieldRules.RetiredButKept
    public const string InvalidServerAddress = "SFB031"; // PolicyLoader.UpdateServer
    public const string InvalidDnsOwnerName = "SFB032"; // PolicyLoader.OwnerNames
    public const string DnsNameOutsideTenant = "SFB033"; // CrossFieldRules.DnsNamesOfTheTenant
    public const string InvalidUrl = "SFB034"; // PolicyLoader.MetadataUrl
    public const string InvalidNtpServer = "SFB035"; // PolicyLoader.NtpServer

    // Import sources (sfbpolicygen import): a place in the source, or in the file --into adds to.
    public const string ImportSourceNotFound = "SFB040"; // ImportSources.Classify
    public const string ImportSourceTooLarge = "SFB041"; // ImportSources.ReadBytes
    public const string RegFileUnreadable = "SFB042"; // RegFileReader.Refuse
    public const string TrustModelDataNotText = "SFB043"; // TrustModelDataValue.Refuse
    public const string RegistryPolUnreadable = "SFB044"; // RegistryPolReader.Refuse
    public const string GpoBackupUnreadable = "SFB045"; // GpoBackupReader.Refuse
    public const string ZoneFileUnreadable = "SFB046"; // ZoneFileReader.Refuse
    public const string ImportedNameInvalid = "SFB047"; // ImportedName.Normalize
    public const string ImportConflict = "SFB048"; // ImportMapper.Conflict
    public const string CannotAddToPolicyFile = "SFB049"; // PolicyFileEditor.Refuse

    // generate's guards (README, "Safety thresholds and the reviewed plan"): at a tenant's policy file, or at the saved plan.
    public const string RemovesTooMuch = "SFB050"; // RemovalThresholds.Refuse
    public const string NotASavedPlan = "SFB051"; // SavedPlan.Refuse
    public const string PlanNoLongerApplies = "SFB052"; // SavedPlan.Verify

    // The command line and the run: no place in a policy file (printed "sfbpolicygen: error SFB080: ...").
    public const string InvalidCommandLine = "SFB080"; // CommandOutput.UsageError
    public const string FileSystemError = "SFB081"; // CommandOutput.FileSystemError
    public const string DnsServerError = "SFB082"; // CommandOutput.DnsServerError
    public const string NothingReachable = "SFB083"; // CommandOutput.NothingReachable
    public const string SigningCertificateRefused = "SFB084"; // CommandOutput.SigningCertificateRefused
    public const string TimestampFailed = "SFB085"; // GeneratedTree.Encode

    // Templates.
    public const string TemplateError = "SFB090"; // TemplateSet.ReportError

    // A bug: the message asks for a report.
    public const string InternalError = "SFB099"; // CliApp.Run

    // Warnings: reported, never fatal.
    public const string DomainListedTwice = "SFB101"; // CrossFieldRules.DomainListedTwice
    public const string MicrosoftDefaultsDropped = "SFB102"; // CrossFieldRules.MicrosoftDefaultsDropped
    public const string NoEnglishResources = "SFB103"; // CrossFieldRules.NoEnglishResources
    public const string LowTtl = "SFB104"; // CrossFieldRules.LowTtl
    public const string UnusedTemplateOverride = "SFB105"; // TemplateSet.Load
    public const string SettingHasNoEffect = "SFB106"; // CrossFieldRules.SettingHasNoEffect
    public const string ImplicitLyncdiscover = "SFB107"; // CrossFieldRules.ImplicitLyncdiscover
    public const string MixedScriptDomain = "SFB108"; // ValueReader.Name

    // Warnings of the run, once the output folder is written (no file, like SFB08x; --warnings-as-errors leaves them warnings).
    public const string OverwroteEditedFiles = "SFB180"; // CommandOutput.OverwroteEditedFiles
    public const string KeptEditedFile = "SFB181"; // CommandOutput.KeptEditedFile
}
