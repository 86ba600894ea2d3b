/// JSON-RPC 2.0 messages and the error codes LSP uses.
public enum Message: Sendable, Equatable {
    case request(id: JSON, method: String, params: JSON?)
    case notification(method: String, params: JSON?)
    case response(id: JSON, result: JSON?, error: ResponseError?)

    /// Reads a message from a decoded JSON body.
    public init(_ json: JSON) throws(ResponseError) {
        guard case .object(let members) = json else { throw ResponseError(.invalidRequest, "a message must be a JSON object") }
        if let method = members["method"] {
            guard let name = method.stringValue else { throw ResponseError(.invalidRequest, "'method' must be a string") }
            if let id = members["id"], id != .null {
                guard id.stringValue != nil || id.intValue != nil else {
                    throw ResponseError(.invalidRequest, "'id' must be a number or a string")
                }
                self = .request(id: id, method: name, params: members["params"])
            } else {
                self = .notification(method: name, params: members["params"])
            }
        } else if let id = members["id"] {
            var error: ResponseError?
            if let errorObject = members["error"] {
                error = ResponseError(
                    ErrorCode(rawValue: errorObject["code"]?.intValue ?? 0) ?? .internalError,
                    errorObject["message"]?.stringValue ?? "")
            }
            self = .response(id: id, result: members["result"], error: error)
        } else {
            throw ResponseError(.invalidRequest, "a message needs a 'method' or an 'id'")
        }
    }

    public var json: JSON {
        switch self {
        case .request(let id, let method, let params):
            var members: [String: JSON] = ["jsonrpc": "2.0", "id": id, "method": .string(method)]
            if let params { members["params"] = params }
            return .object(members)
        case .notification(let method, let params):
            var members: [String: JSON] = ["jsonrpc": "2.0", "method": .string(method)]
            if let params { members["params"] = params }
            return .object(members)
        case .response(let id, let result, let error):
            var members: [String: JSON] = ["jsonrpc": "2.0", "id": id]
            if let error {
                members["error"] = ["code": .int(error.code.rawValue), "message": .string(error.message)]
            } else {
                members["result"] = result ?? .null
            }
            return .object(members)
        }
    }
}

public enum ErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
    case unknownErrorCode = -32001
    case requestFailed = -32803
    case serverCancelled = -32802
    case contentModified = -32801
    case requestCancelled = -32800
}

/// An error answer: a code and a message that says what was wrong.
public struct ResponseError: Error, Sendable, Equatable {
    public let code: ErrorCode
    public let message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
