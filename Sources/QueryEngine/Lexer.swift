import TrailMeterCore

/// One token of the user's SQL.
struct Token: Equatable {
    enum Kind: Equatable {
        /// A bare identifier or keyword; `text` keeps the user's spelling.
        case word
        /// `"quoted"` or `` `quoted` `` identifier; `text` is the unquoted name.
        case quotedWord
        /// `'string'`; `text` is the value with `''` undone.
        case string
        case number
        /// Operator or punctuation: `(`, `<=`, `||`, `->`, ...
        case symbol
        /// An event data store id (UUID) or a `$NAME` / `${name}` / `{name}` / `{{ text }}` placeholder.
        case storeReference
        case end
    }

    let kind: Kind
    let text: String
    /// UTF-8 byte range in the user's SQL.
    let start: Int
    let end: Int

    /// The word upper-cased, for keyword tests (nil for anything but a bare word).
    var keyword: String? { kind == .word ? text.uppercased() : nil }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    func isKeyword(_ word: String) -> Bool { kind == .word && text.uppercased() == word }
}

/// Splits SQL into tokens, dropping comments: `--` and `#` to the end of the line (outside string
/// literals; `#` because published queries carry notes such as `#テーブル名は一意`) and `/* */`.
struct Lexer {
    private let bytes: [UInt8]
    private let source: String
    private var index = 0

    init(_ source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
    }

    static func tokenize(_ source: String) throws(QueryError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func location(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset, in: source) }

    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    private func peek(_ ahead: Int = 0) -> UInt8? { index + ahead < bytes.count ? bytes[index + ahead] : nil }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == 0x40  // @
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    /// A UUID (8-4-4-4-12 hex digits) not glued to an identifier: how CloudTrail Lake names an
    /// event data store after FROM.
    private func uuidLength(at start: Int) -> Int? {
        let groups = [8, 4, 4, 4, 12]
        var position = start
        for (number, length) in groups.enumerated() {
            for _ in 0..<length {
                guard position < bytes.count, Self.isHex(bytes[position]) else { return nil }
                position += 1
            }
            if number < groups.count - 1 {
                guard position < bytes.count, bytes[position] == 0x2D else { return nil }
                position += 1
            }
        }
        if position < bytes.count, Self.isIdentifierPart(bytes[position]) { return nil }
        return position - start
    }

    private mutating func skipTrivia() throws(QueryError) {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                index += 1
            } else if byte == 0x2D, peek(1) == 0x2D {
                while let b = peek(), b != 0x0A { index += 1 }
            } else if byte == 0x23 {
                while let b = peek(), b != 0x0A { index += 1 }
            } else if byte == 0x2F, peek(1) == 0x2A {
                let start = index
                index += 2
                while true {
                    guard let b = peek() else {
                        throw .syntax(message: "comment opened here is never closed", at: location(start))
                    }
                    if b == 0x2A, peek(1) == 0x2F {
                        index += 2
                        break
                    }
                    index += 1
                }
            } else if byte == 0xC2, peek(1) == 0xA0 {
                index += 2  // no-break space, common in pasted SQL
            } else if byte == 0xE3, peek(1) == 0x80, peek(2) == 0x80 {
                index += 3  // ideographic space
            } else {
                return
            }
        }
    }

    mutating func next() throws(QueryError) -> Token {
        try skipTrivia()
        let start = index
        guard let byte = peek() else { return Token(kind: .end, text: "", start: start, end: start) }

        if let length = uuidLength(at: index) {
            index += length
            return Token(kind: .storeReference, text: text(start, index), start: start, end: index)
        }
        if byte | 0x20 == 0x75, peek(1) == 0x26, peek(2) == 0x27 {  // U&'...', a Unicode string
            index += 2
            let raw = try quoted(0x27, start: index, what: "string literal")
            guard let decoded = Self.unicodeEscapes(raw) else {
                throw .syntax(message: "invalid Unicode escape in U&'...' string", at: location(start))
            }
            return Token(kind: .string, text: decoded, start: start, end: index)
        }
        if Self.isIdentifierStart(byte) {
            while let b = peek(), Self.isIdentifierPart(b) { index += 1 }
            return Token(kind: .word, text: text(start, index), start: start, end: index)
        }
        if Self.isDigit(byte) || (byte == 0x2E && peek(1).map(Self.isDigit) == true) {
            while let b = peek(), Self.isDigit(b) { index += 1 }
            if peek() == 0x2E {
                index += 1
                while let b = peek(), Self.isDigit(b) { index += 1 }
            }
            if let e = peek(), e == 0x65 || e == 0x45 {
                var lookahead = 1
                if let sign = peek(1), sign == 0x2B || sign == 0x2D { lookahead = 2 }
                if let d = peek(lookahead), Self.isDigit(d) {
                    index += lookahead
                    while let b = peek(), Self.isDigit(b) { index += 1 }
                }
            }
            if let b = peek(), Self.isIdentifierStart(b) {
                // `123abc` is no number; glue it into one word so the parser reports it whole.
                while let b = peek(), Self.isIdentifierPart(b) { index += 1 }
                return Token(kind: .word, text: text(start, index), start: start, end: index)
            }
            return Token(kind: .number, text: text(start, index), start: start, end: index)
        }
        switch byte {
        case 0x27:  // '
            return Token(
                kind: .string, text: try quoted(0x27, start: start, what: "string literal"), start: start, end: index)
        case 0x22:  // "
            return Token(
                kind: .quotedWord, text: try quoted(0x22, start: start, what: "quoted identifier"), start: start,
                end: index)
        case 0x60:  // `
            return Token(
                kind: .quotedWord, text: try quoted(0x60, start: start, what: "quoted identifier"), start: start,
                end: index)
        case 0x24:  // $NAME or ${name}
            index += 1
            if peek() == 0x7B {
                while let b = peek(), b != 0x7D { index += 1 }
                if peek() == 0x7D { index += 1 }
            } else {
                while let b = peek(), Self.isIdentifierPart(b) || b == 0x2D { index += 1 }
            }
            return Token(kind: .storeReference, text: text(start, index), start: start, end: index)
        case 0x7B where peek(1) == 0x7B:  // {{ text with spaces }}
            index += 2
            while index < bytes.count, !(bytes[index] == 0x7D && peek(1) == 0x7D), bytes[index] != 0x0A { index += 1 }
            guard peek() == 0x7D else { throw .syntax(message: "unmatched '{{'", at: location(start)) }
            index += 2
            return Token(kind: .storeReference, text: text(start, index), start: start, end: index)
        case 0x7B:  // {eds-id}
            index += 1
            while let b = peek(), b != 0x7D, b != 0x0A { index += 1 }
            guard peek() == 0x7D else { throw .syntax(message: "unmatched '{'", at: location(start)) }
            index += 1
            return Token(kind: .storeReference, text: text(start, index), start: start, end: index)
        default:
            break
        }
        let twoByte: [String] = ["<>", "!=", "<=", ">=", "||", "->", "=>", "::"]
        if let second = peek(1) {
            let pair = text(index, index + 2)
            if twoByte.contains(pair), second != 0 {
                index += 2
                return Token(kind: .symbol, text: pair, start: start, end: index)
            }
        }
        let single: Set<UInt8> = Set("()[],.;+-*/%=<>?:|".utf8)
        if single.contains(byte) {
            index += 1
            return Token(kind: .symbol, text: text(start, index), start: start, end: index)
        }
        // One whole character, for the message.
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        throw .syntax(message: "unexpected character '\(text(index, end))'", at: location(start))
    }

    private mutating func quoted(_ quote: UInt8, start: Int, what: String) throws(QueryError) -> String {
        index += 1
        var value: [UInt8] = []
        while true {
            guard let b = peek() else {
                throw .syntax(message: "\(what) opened here is never closed", at: location(start))
            }
            index += 1
            if b == quote {
                if peek() == quote {
                    value.append(quote)
                    index += 1
                } else {
                    return String(decoding: value, as: UTF8.self)
                }
            } else {
                value.append(b)
            }
        }
    }
}
