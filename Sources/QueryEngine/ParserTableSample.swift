extension Parser {
    /// `TABLESAMPLE BERNOULLI (p)` after a relation. `SYSTEM` is refused: Athena keeps or drops
    /// whole splits of files, which the layouts cannot reproduce or bill alike.
    mutating func parseTableSample() throws(QueryError) {
        let at = current.start
        advance()
        guard current.isKeyword("BERNOULLI") else {
            if current.isKeyword("SYSTEM") {
                throw .unsupported(construct: "TABLESAMPLE SYSTEM (Athena samples whole splits)", at: location(at))
            }
            throw unexpected("where BERNOULLI or SYSTEM was expected")
        }
        advance()
        try expect(symbol: "(")
        let percentage = try parseExpression()
        try expect(symbol: ")")
        guard pendingSample == nil else {
            throw .unsupported(construct: "TABLESAMPLE on more than one relation", at: location(at))
        }
        pendingSample = TableSample(percentage: percentage, at: at)
    }
}
