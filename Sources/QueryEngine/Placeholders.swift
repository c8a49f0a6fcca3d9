import TrailMeterCore

/// One template placeholder of the user's SQL and what it was bound to.
public struct PlaceholderBinding: Sendable, Equatable, CustomStringConvertible {
    /// Where the value came from.
    public enum Origin: String, Sendable {
        /// `--param name=value`.
        case parameter = "--param"
        /// The store's events table (a placeholder standing where a table or database name goes).
        case storeTable = "the store's table"
        /// The first or the end of the store's time span.
        case storeTimeStart = "start of the store's time span"
        case storeTimeEnd = "end of the store's time span"
        case storeDayAfterEnd = "the day after the store's time span ends"
        /// No value: kept as written (a quoted token that may be a real value).
        case unbound = "no value: kept as written"
    }

    /// The placeholder as written (`${date_filter}`, `{{ start time }}`, `'START_TIME'`, `<EDS ID>`).
    public let written: String
    /// Its name (`date_filter`, `start time`, `START_TIME`, `EDS ID`): what `--param` names.
    public let name: String
    /// The value put in its place; nil when kept as written.
    public let value: String?
    public let origin: Origin
    public let at: SourceLocation

    public var description: String {
        let shown = value.map { "'\($0)'" } ?? written
        return "\(written) at \(at) = \(shown) (\(origin.rawValue))"
    }
}

/// Finds the template placeholders published queries carry, in every form (`${name}`,
/// `{{ text }}`, `{name}`, `<name>`, `$NAME`, quoted tokens such as `'START_TIME'`, also inside
/// qualified names and inside string literals) and binds each one: from the user's parameters,
/// otherwise to the store's table where a table goes, or to the store's time span for a time.
struct PlaceholderBinder {
    let parameters: [String: String]
    /// Milliseconds since 1970 of the store's first event and of the instant after its last.
    let timeSpan: (start: Int64, end: Int64)?
    let dialect: Dialect
    let source: String

    private func location(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset, in: source) }

    /// The placeholder name inside `text` when the whole text is one placeholder.
    static func name(of text: String, quoted: Bool) -> String? {
        func inner(_ prefix: String, _ suffix: String) -> String? {
            guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.count > prefix.count + suffix.count else {
                return nil
            }
            let name = String(text.dropFirst(prefix.count).dropLast(suffix.count)).trimmingSpaces
            // A name, not JSON (`'{"date": 1}'`) or other text in braces.
            let isName =
                !name.isEmpty
                && name.allSatisfy { $0.isLetter || $0.isNumber || " _-.".contains($0) }
            return isName ? name : nil
        }
        if let name = inner("${", "}") ?? inner("{{", "}}") ?? inner("{", "}") { return name }
        if quoted, let name = inner("<", ">") { return name }
        if text.hasPrefix("$"), text.count > 1,
            text.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        {
            return String(text.dropFirst())
        }
        // `'START_TIME'`, `'SUSPECT_PRINCIPAL'`: upper-case words joined by underscores.
        if quoted, text.contains("_"), text.first?.isLetter == true,
            text.allSatisfy({ ($0.isLetter && $0.isUppercase) || $0.isNumber || $0 == "_" })
        {
            return text
        }
        return nil
    }

    /// The words of a name, lower-cased: split at anything but letters and digits and where
    /// camel case turns upper (`START_TIME`, `date_filter`, `startTime`, `{{ end date }}`).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var word = ""
        var previousLower = false
        for character in name {
            if !(character.isLetter || character.isNumber) {
                if !word.isEmpty { words.append(word) }
                word = ""
                previousLower = false
                continue
            }
            if character.isUppercase, previousLower, !word.isEmpty {
                words.append(word)
                word = ""
            }
            word.append(Character(character.lowercased()))
            previousLower = character.isLowercase
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Words that end a time span, and words that start one.
    static let endWords: Set<String> = ["end", "until", "stop", "to", "endtime", "enddate", "upper"]
    static let startWords: Set<String> = ["start", "begin", "from", "since", "starttime", "startdate", "lower"]

    /// True for a name that stands for a time (by its words: `VPC_ENDPOINT_ID` is none).
    static func isTime(_ name: String) -> Bool {
        let timeWords: Set<String> = ["time", "date", "timestamp", "datetime", "period", "day", "eventtime"]
        return words(name).contains { timeWords.contains($0) || endWords.contains($0) || startWords.contains($0) }
    }

    /// True for a name that ends in a day rather than an instant (`START_DATE`, `endDate`, not
    /// `date_filter`): its value is `yyyy-MM-dd`, as `DATE '...'` and `parse_datetime(...,
    /// 'yyyy-MM-dd')` take it.
    static func isDateOnly(_ name: String) -> Bool {
        let words = words(name)
        let instantWords: Set<String> = ["time", "timestamp", "datetime", "eventtime", "starttime", "endtime"]
        return ["date", "startdate", "enddate"].contains(words.last ?? "")
            && !words.contains { instantWords.contains($0) }
    }

    /// Binds every placeholder in `tokens`; returns the tokens to parse and the bindings made.
    func bind(_ tokens: [Token]) throws(QueryError) -> ([Token], [PlaceholderBinding]) {
        var output: [Token] = []
        var bindings: [PlaceholderBinding] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let previous = output.last
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let afterTableKeyword = previous.map { $0.isKeyword("FROM") || $0.isKeyword("JOIN") } ?? false
            // `<name>` where an operand goes: a table after FROM (the parser takes it) or a value.
            if token.isSymbol("<"), let closing = angleClose(tokens, from: index), startsOperand(previous) {
                let written = String(decoding: Array(source.utf8)[token.start..<tokens[closing].end], as: UTF8.self)
                let name = String(written.dropFirst().dropLast()).trimmingSpaces
                let qualifier = closing + 1 < tokens.count && tokens[closing + 1].isSymbol(".")
                // `FROM <DB>.<TABLE>`, `FROM db.<TABLE>`: the name after the dot is a table's too.
                let qualifiedTable =
                    previous?.isSymbol(".") == true && output.count >= 3
                    && (output[output.count - 3].isKeyword("FROM") || output[output.count - 3].isKeyword("JOIN"))
                if afterTableKeyword || qualifiedTable {
                    let end = tokens[closing].end
                    if let value = parameters[name] {
                        bindings.append(binding(written, name, value, .parameter, token.start))
                        output.append(Token(kind: .quotedWord, text: value, start: token.start, end: end))
                    } else {
                        bindings.append(binding(written, name, nil, .storeTable, token.start))
                        if afterTableKeyword && !qualifier {
                            output.append(contentsOf: tokens[index...closing])
                        } else {
                            output.append(Token(kind: .quotedWord, text: written, start: token.start, end: end))
                        }
                    }
                } else {
                    let merged = Token(
                        kind: .storeReference, text: written, start: token.start, end: tokens[closing].end)
                    output.append(
                        contentsOf: try bindBare(
                            merged, name: name, previous: previous, next: tokens[closing + 1], bindings: &bindings))
                }
                index = closing + 1
                continue
            }
            switch token.kind {
            case .storeReference:
                guard let name = Self.name(of: token.text, quoted: false) else {
                    output.append(token)  // an event data store id
                    break
                }
                let qualifier = next?.isSymbol(".") ?? false
                let qualified = previous?.isSymbol(".") ?? false
                if afterTableKeyword || qualifier || qualified {
                    if let value = parameters[name] {
                        bindings.append(binding(token.text, name, value, .parameter, token.start))
                        output.append(Token(kind: .quotedWord, text: value, start: token.start, end: token.end))
                    } else {
                        bindings.append(binding(token.text, name, nil, .storeTable, token.start))
                        output.append(
                            afterTableKeyword && !qualifier
                                ? token : Token(kind: .quotedWord, text: token.text, start: token.start, end: token.end)
                        )
                    }
                } else {
                    output.append(
                        contentsOf: try bindBare(token, name: name, previous: previous, next: next, bindings: &bindings)
                    )
                }
            case .quotedWord where afterTableKeyword || previous?.isSymbol(".") == true || next?.isSymbol(".") == true:
                // `"${database}"."${table}"`: a placeholder quoted as a name takes its value as one.
                guard let name = Self.name(of: token.text, quoted: false), let value = parameters[name] else {
                    output.append(token)
                    break
                }
                bindings.append(binding("\"\(token.text)\"", name, value, .parameter, token.start))
                output.append(Token(kind: .quotedWord, text: value, start: token.start, end: token.end))
            case .string:
                output.append(bindQuoted(token, previous: previous, tokens: tokens, index: index, bindings: &bindings))
            default:
                output.append(token)
            }
            index += 1
        }
        return (output, bindings)
    }

    private func binding(
        _ written: String, _ name: String, _ value: String?, _ origin: PlaceholderBinding.Origin, _ offset: Int
    ) -> PlaceholderBinding {
        PlaceholderBinding(written: written, name: name, value: value, origin: origin, at: location(offset))
    }

    /// The index of the `>` closing a `<name>` placeholder that starts at `start`: only words,
    /// numbers and `-` between, all on one line.
    private func angleClose(_ tokens: [Token], from start: Int) -> Int? {
        var index = start + 1
        while index < tokens.count {
            let token = tokens[index]
            if token.isSymbol(">") { return index > start + 1 ? index : nil }
            guard token.kind == .word || token.kind == .number || token.isSymbol("-") else { return nil }
            index += 1
        }
        return nil
    }

    /// True when an operand may start after `previous` (so `<` is no less-than).
    private func startsOperand(_ previous: Token?) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .number, .string, .quotedWord, .storeReference: return false
        case .word:
            return previous.keyword.map { Parser.reserved.contains($0) || $0 == "SELECT" } ?? false
        case .symbol: return !previous.isSymbol(")") && !previous.isSymbol("]")
        case .end: return false
        }
    }

    /// A placeholder standing bare where a value goes (`= ${user}`, `>= {start}`).
    private func bindBare(
        _ token: Token, name: String, previous: Token?, next: Token?, bindings: inout [PlaceholderBinding]
    ) throws(QueryError) -> [Token] {
        if let value = parameters[name] {
            bindings.append(binding(token.text, name, value, .parameter, token.start))
            return [Self.valueToken(value, previous: previous, at: token)]
        }
        if Self.isTime(name), let (value, origin) = timeValue(name, previous: previous) {
            bindings.append(binding(token.text, name, value, origin, token.start))
            return [Token(kind: .string, text: value, start: token.start, end: token.end)]
        }
        throw .invalid(
            message: "template placeholder \(token.text) has no value: give it one with --param \(name)=VALUE",
            at: location(token.start))
    }

    /// The token a bare placeholder's value becomes: a number where a number is expected (after
    /// LIMIT, OFFSET, an arithmetic operator or an ordering comparison), otherwise a string
    /// (account ids and names are strings); a value the user wrapped in single quotes is a string.
    static func valueToken(_ value: String, previous: Token?, at token: Token) -> Token {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return Token(kind: .string, text: String(value.dropFirst().dropLast()), start: token.start, end: token.end)
        }
        let numeric =
            ["LIMIT", "OFFSET"].contains(previous?.keyword ?? "")
            || ["+", "-", "*", "/", "%", "<", ">", "<=", ">="].contains { previous?.isSymbol($0) == true }
        if numeric, Double(value) != nil {
            return Token(kind: .number, text: value, start: token.start, end: token.end)
        }
        return Token(kind: .string, text: value, start: token.start, end: token.end)
    }

    /// A string literal that is a placeholder (`'${date_filter}'`, `'START_TIME'`) or holds one
    /// (`'%${user}%'`).
    private func bindQuoted(
        _ token: Token, previous: Token?, tokens: [Token], index: Int, bindings: inout [PlaceholderBinding]
    ) -> Token {
        let written = "'\(token.text)'"
        if let name = Self.name(of: token.text, quoted: true) {
            if let value = parameters[name] {
                bindings.append(binding(written, name, value, .parameter, token.start))
                return Token(kind: .string, text: value, start: token.start, end: token.end)
            }
            if Self.isTime(name),
                let (value, origin) = timeValue(name, previous: previous, tokens: tokens, index: index)
            {
                bindings.append(binding(written, name, value, origin, token.start))
                return Token(kind: .string, text: value, start: token.start, end: token.end)
            }
            bindings.append(binding(written, name, nil, .unbound, token.start))
            return token
        }
        // Placeholders inside a longer literal: only the bracketed forms, only from parameters.
        var text = token.text
        for (name, value) in parameters {
            for form in ["${\(name)}", "{{\(name)}}", "{{ \(name) }}", "{\(name)}"] where text.contains(form) {
                text = text.replacing(form, with: value)
                bindings.append(binding(form, name, value, .parameter, token.start))
            }
        }
        return Token(kind: .string, text: text, start: token.start, end: token.end)
    }

    /// The store's time span as the dialect compares `eventTime`: start for a lower bound, end
    /// for an upper bound (by the name, else by the comparison before it).
    private func timeValue(_ name: String, previous: Token?, tokens: [Token] = [], index: Int = 0)
        -> (String, PlaceholderBinding.Origin)?
    {
        guard let timeSpan else { return nil }
        let words = Set(Self.words(name))
        var upper: Bool
        if !words.isDisjoint(with: Self.endWords) {
            upper = true
        } else if !words.isDisjoint(with: Self.startWords) {
            upper = false
        } else if let previous, previous.isSymbol("<") || previous.isSymbol("<=") {
            upper = true
        } else if let previous, previous.isKeyword("AND"), index >= 3, tokens[index - 3].isKeyword("BETWEEN") {
            upper = true
        } else {
            upper = false
        }
        if Self.isDateOnly(name) {
            // A day: the first one of the span, or the day after its last, so that `<`, `<=`
            // and `BETWEEN` all keep the span's last day.
            let dayMs: Int64 = 86_400_000
            let millis = upper ? (timeSpan.end - ((timeSpan.end % dayMs) + dayMs) % dayMs) + dayMs : timeSpan.start
            return (String(TrinoTime.format(millis).prefix(10)), upper ? .storeDayAfterEnd : .storeTimeStart)
        }
        let millis = upper ? timeSpan.end : timeSpan.start
        let text = String(TrinoTime.format(millis).prefix(19))
        let value = dialect == .athena ? text.replacing(" ", with: "T") + "Z" : text
        return (value, upper ? .storeTimeEnd : .storeTimeStart)
    }
}
