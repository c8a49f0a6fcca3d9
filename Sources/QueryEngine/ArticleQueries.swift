/// The five queries of the article that asked for TrailMeter, verbatim (table and event data
/// store names as printed).
public enum ArticleQueries {
    /// All events, newest first, with the author's inline note `#テーブル名は一意` ("the table name is unique").
    public static let newestEvents = """
        SELECT
         eventtime,
         useridentity.userName,
         eventname
        FROM cloudtrail_logs_aws_cloudtrail_logs_152231080651_2bc74aa9 #テーブル名は一意
        order by eventtime desc
        LIMIT 100
        """

    /// RunInstances events, newest first.
    public static let runInstances = """
        SELECT
         eventtime,
         useridentity.userName,
         eventname
        FROM cloudtrail_logs_aws_cloudtrail_logs_152231080651_2bc74aa9
        where eventname like 'RunInstances'
        order by eventtime desc
        LIMIT 100
        """

    /// ConsoleLogin events, newest first.
    public static let consoleLogins = """
        SELECT
         eventtime,
         useridentity.userName,
         eventname
        FROM cloudtrail_logs_aws_cloudtrail_logs_152231080651_2bc74aa9
        where eventname like 'ConsoleLogin'
        order by eventtime desc
        LIMIT 100
        """

    /// CloudTrail Lake: events between 2022-01-22 00:00:30 and 05:00:00.
    public static let lakeWindow = """
        SELECT eventTime, userIdentity.username, eventSource, eventName, awsRegion FROM 880143b0-368b-4ef8-a6e1-887a48146de7
        WHERE eventTime >= '2022-01-22 00:00:30' AND eventTime <= '2022-01-22 05:00:00'
        order by eventtime desc
        LIMIT 1000;
        """

    /// CloudTrail Lake: a user's events in one region over a year.
    public static let lakeUserInRegion = """
        SELECT eventTime, eventSource, eventName, awsRegion FROM 880143b0-368b-4ef8-a6e1-887a48146de7
        WHERE eventTime >= '2021-01-22 00:00:30' AND
        eventTime <= '2022-01-22 06:40:00' AND
        userIdentity.username like 'Yuta0128' AND
        awsRegion like 'ap-northeast-1'
        order by eventtime desc
        limit 1000;
        """

    /// All five, in the article's order.
    public static let all = [newestEvents, runInstances, consoleLogins, lakeWindow, lakeUserInRegion]
}
