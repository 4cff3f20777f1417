import ArgumentParser

extension CounterKiosk {
    /// Every subcommand, in the order `--help` lists them.
    static let allSubcommands: [any ParsableCommand.Type] = [
        RunCommand.self,
        IntakeCommand.self,
        LogCommand.self,
        SearchCommand.self,
        RegisterCommand.self,
        VerifyCommand.self,
        MigrateToPostgresCommand.self,
        UpgradeDatabaseCommand.self,
        DoctorCommand.self,
        BackupCommand.self,
        RestoreCommand.self,
        BranchesCommand.self,
        HeadOfficeCommand.self,
        PurgeCommand.self,
        ShopCommand.self,
        PhotoCommand.self,
        IDCommand.self,
        ScanCommand.self,
        HotlistCommand.self,
        CheckCommand.self,
        ScannersCommand.self,
        UsersCommand.self,
        QueueCommand.self,
        RegisterSimCommand.self,
    ]
}
