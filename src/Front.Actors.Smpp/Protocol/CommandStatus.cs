namespace Front.Actors.Smpp.Protocol;

/// <summary>SMPP 3.4 command_status values (section 5.1.3).</summary>
public enum CommandStatus : uint
{
    Ok = 0x00000000,
    InvalidMessageLength = 0x00000001,          // ESME_RINVMSGLEN
    InvalidCommandLength = 0x00000002,          // ESME_RINVCMDLEN
    InvalidCommandId = 0x00000003,              // ESME_RINVCMDID
    IncorrectBindStatus = 0x00000004,           // ESME_RINVBNDSTS
    AlreadyBound = 0x00000005,                  // ESME_RALYBND
    InvalidPriorityFlag = 0x00000006,           // ESME_RINVPRTFLG
    InvalidRegisteredDeliveryFlag = 0x00000007, // ESME_RINVREGDLVFLG
    SystemError = 0x00000008,                   // ESME_RSYSERR
    InvalidSourceAddress = 0x0000000A,          // ESME_RINVSRCADR
    InvalidDestinationAddress = 0x0000000B,     // ESME_RINVDSTADR
    InvalidMessageId = 0x0000000C,              // ESME_RINVMSGID
    BindFailed = 0x0000000D,                    // ESME_RBINDFAIL
    InvalidPassword = 0x0000000E,               // ESME_RINVPASWD
    InvalidSystemId = 0x0000000F,               // ESME_RINVSYSID
    CancelSmFailed = 0x00000011,                // ESME_RCANCELFAIL
    ReplaceSmFailed = 0x00000013,               // ESME_RREPLACEFAIL
    MessageQueueFull = 0x00000014,              // ESME_RMSGQFUL
    InvalidServiceType = 0x00000015,            // ESME_RINVSERTYP
    InvalidNumberOfDestinations = 0x00000033,   // ESME_RINVNUMDESTS
    InvalidDistributionListName = 0x00000034,   // ESME_RINVDLNAME
    InvalidDestinationFlag = 0x00000040,        // ESME_RINVDESTFLAG
    InvalidSubmitWithReplace = 0x00000042,      // ESME_RINVSUBREP
    InvalidEsmClass = 0x00000043,               // ESME_RINVESMCLASS
    CannotSubmitToDistributionList = 0x00000044,// ESME_RCNTSUBDL
    SubmitFailed = 0x00000045,                  // ESME_RSUBMITFAIL
    InvalidSourceTon = 0x00000048,              // ESME_RINVSRCTON
    InvalidSourceNpi = 0x00000049,              // ESME_RINVSRCNPI
    InvalidDestinationTon = 0x00000050,         // ESME_RINVDSTTON
    InvalidDestinationNpi = 0x00000051,         // ESME_RINVDSTNPI
    InvalidSystemType = 0x00000053,             // ESME_RINVSYSTYP
    InvalidReplaceIfPresentFlag = 0x00000054,   // ESME_RINVREPFLAG
    InvalidNumberOfMessages = 0x00000055,       // ESME_RINVNUMMSGS
    Throttled = 0x00000058,                     // ESME_RTHROTTLED
    InvalidScheduledDeliveryTime = 0x00000061,  // ESME_RINVSCHED
    InvalidValidityPeriod = 0x00000062,         // ESME_RINVEXPIRY
    InvalidPredefinedMessage = 0x00000063,      // ESME_RINVDFTMSGID
    ReceiverTemporaryAppError = 0x00000064,     // ESME_RX_T_APPN
    ReceiverPermanentAppError = 0x00000065,     // ESME_RX_P_APPN
    ReceiverRejectMessageError = 0x00000066,    // ESME_RX_R_APPN
    QuerySmFailed = 0x00000067,                 // ESME_RQUERYFAIL
    InvalidOptionalParameterStream = 0x000000C0,// ESME_RINVOPTPARSTREAM
    OptionalParameterNotAllowed = 0x000000C1,   // ESME_ROPTPARNOTALLWD
    InvalidParameterLength = 0x000000C2,        // ESME_RINVPARLEN
    MissingOptionalParameter = 0x000000C3,      // ESME_RMISSINGOPTPARAM
    InvalidOptionalParameterValue = 0x000000C4, // ESME_RINVOPTPARAMVAL
    DeliveryFailure = 0x000000FE,               // ESME_RDELIVERYFAILURE
    UnknownError = 0x000000FF,                  // ESME_RUNKNOWNERR
}

public static class CommandStatusExtensions
{
    /// <summary>
    /// Statuses that say "not now" rather than "never": the message should be offered again later,
    /// more slowly, instead of being failed.
    /// </summary>
    public static bool IsTransient(this CommandStatus status) =>
        status is CommandStatus.Throttled or CommandStatus.MessageQueueFull or CommandStatus.ReceiverTemporaryAppError;

    /// <summary>The specification's name for a status, e.g. ESME_RTHROTTLED, or its hex value when it has none.</summary>
    public static string ToSmppName(this CommandStatus status) => status switch
    {
        CommandStatus.Ok => "ESME_ROK",
        CommandStatus.InvalidMessageLength => "ESME_RINVMSGLEN",
        CommandStatus.InvalidCommandLength => "ESME_RINVCMDLEN",
        CommandStatus.InvalidCommandId => "ESME_RINVCMDID",
        CommandStatus.IncorrectBindStatus => "ESME_RINVBNDSTS",
        CommandStatus.AlreadyBound => "ESME_RALYBND",
        CommandStatus.InvalidPriorityFlag => "ESME_RINVPRTFLG",
        CommandStatus.InvalidRegisteredDeliveryFlag => "ESME_RINVREGDLVFLG",
        CommandStatus.SystemError => "ESME_RSYSERR",
        CommandStatus.InvalidSourceAddress => "ESME_RINVSRCADR",
        CommandStatus.InvalidDestinationAddress => "ESME_RINVDSTADR",
        CommandStatus.InvalidMessageId => "ESME_RINVMSGID",
        CommandStatus.BindFailed => "ESME_RBINDFAIL",
        CommandStatus.InvalidPassword => "ESME_RINVPASWD",
        CommandStatus.InvalidSystemId => "ESME_RINVSYSID",
        CommandStatus.MessageQueueFull => "ESME_RMSGQFUL",
        CommandStatus.InvalidServiceType => "ESME_RINVSERTYP",
        CommandStatus.InvalidEsmClass => "ESME_RINVESMCLASS",
        CommandStatus.SubmitFailed => "ESME_RSUBMITFAIL",
        CommandStatus.InvalidSystemType => "ESME_RINVSYSTYP",
        CommandStatus.Throttled => "ESME_RTHROTTLED",
        CommandStatus.InvalidScheduledDeliveryTime => "ESME_RINVSCHED",
        CommandStatus.InvalidValidityPeriod => "ESME_RINVEXPIRY",
        CommandStatus.ReceiverTemporaryAppError => "ESME_RX_T_APPN",
        CommandStatus.ReceiverPermanentAppError => "ESME_RX_P_APPN",
        CommandStatus.ReceiverRejectMessageError => "ESME_RX_R_APPN",
        CommandStatus.InvalidOptionalParameterStream => "ESME_RINVOPTPARSTREAM",
        CommandStatus.InvalidParameterLength => "ESME_RINVPARLEN",
        CommandStatus.DeliveryFailure => "ESME_RDELIVERYFAILURE",
        CommandStatus.UnknownError => "ESME_RUNKNOWNERR",
        _ => $"0x{(uint)status:X8}",
    };
}
