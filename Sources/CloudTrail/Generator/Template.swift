/// A value a request or response template takes from the account's population, the event, or the
/// random stream. Each placeholder is resolved once per event, so a bucket named twice in one record
/// is the same bucket.
enum Placeholder: String, CaseIterable {
    case acct, region, az, app
    case bucket, objkey, instance, ami, sg, subnet, vpc, volume, snapshot, eni, privip, itype
    case kms, function, loggroup, logstream, table, queue, topic, secret, param, stack, cluster, repo, db, alarm
    case role, user, policy, session
    case uuid, uuid2, token, akid, digest, hex8, int
    case time, expiry, epochms
    case newinstance, reservation
    /// Bytes of an S3 object (the same key has the same size) and of a listing; 0 unless the spec
    /// asks for transfer sizes, as the default trail has always written.
    case objsize, listsize

    /// Position in `allCases`: the bit of the per-event choice mask.
    static let indexes: [Placeholder: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}

/// A JSON fragment with placeholders, compiled once: literal bytes between `$name` tokens.
struct Template: Sendable {
    enum Piece: Sendable {
        case literal([UInt8])
        case value(Placeholder)
    }

    let pieces: [Piece]

    init(_ text: String) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$") else {
                literal.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count,
                (bytes[end] >= 0x61 && bytes[end] <= 0x7A) || (bytes[end] >= 0x30 && bytes[end] <= 0x39)
            {
                end += 1
            }
            // `$LATEST` and other upper-case text after a dollar sign are literal JSON.
            guard end > index + 1 else {
                literal.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            guard let placeholder = Placeholder(rawValue: name) else {
                preconditionFailure("unknown template placeholder $\(name) in \(text)")
            }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = []
            }
            pieces.append(.value(placeholder))
            index = end
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }
}
