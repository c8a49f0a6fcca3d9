import CloudTrail
