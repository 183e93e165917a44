import KioskCore
import KioskHTTP

extension ProctorRefusal {
    /// The refusal as the console is told it.
    var apiError: APIError {
        switch self {
        case .notDelivered:
            APIError(.conflict, code: "session_not_delivered",
                     message: "该场次不在问卷机上进行", messageEn: "The kiosk does not deliver this session")
        case .alreadyOpen:
            APIError(.conflict, code: "session_already_open",
                     message: "该场次已经开始", messageEn: "The session is already open")
        case .ended:
            APIError(.conflict, code: "session_ended",
                     message: "该场次已经结束", messageEn: "The session is over")
        case .reasonRequired:
            ProctorErrors.reasonRequired
        case .notOpen:
            APIError(.conflict, code: "session_not_open",
                     message: "该场次当前未在进行，不能暂停", messageEn: "The session is not open: there is nothing to pause")
        case .notPaused:
            APIError(.conflict, code: "session_not_paused",
                     message: "该场次没有暂停", messageEn: "The session is not paused")
        }
    }
}

/// The console's refusals that are not about a session's state.
enum ProctorErrors {
    static let reasonRequired = APIError(
        .unprocessableContent, code: "reason_required",
        message: "此操作需要填写原因", messageEn: "This action needs a written reason")

    static let sessionNotFound = APIError(
        .notFound, code: "session_not_found", message: "没有这个场次", messageEn: "There is no such session")

    static let participantNotFound = APIError(
        .notFound, code: "participant_not_found",
        message: "该场次的名册中没有这名测试对象", messageEn: "The participant is not on this session's roster")

    static let participantNotLoggedIn = APIError(
        .conflict, code: "participant_not_logged_in",
        message: "该测试对象尚未登录", messageEn: "The participant has not logged in yet")

    static let attemptFinished = APIError(
        .conflict, code: "attempt_finished",
        message: "该测试对象已经提交", messageEn: "The participant has already submitted")

    static let attemptStarted = APIError(
        .conflict, code: "attempt_started",
        message: "该测试对象已经开始作答，不能标记为缺考或免测",
        messageEn: "The participant has started answering: they cannot be marked absent or excluded")

    static func invalid(_ code: String, _ message: String, _ messageEn: String) -> APIError {
        APIError(.unprocessableContent, code: code, message: message, messageEn: messageEn)
    }
}
