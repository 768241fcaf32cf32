; Pickup Desk — Windows installer (Inno Setup 6).  Documented in packaging/README.md.
;
; Build (Windows, after `python -m PyInstaller --noconfirm packaging\pickup_desk.spec`):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\installer.iss
;   -> dist\PickupDesk-Setup-0.1.0.exe
;
; Silent per-machine install for many counter PCs (all parameters optional):
;   PickupDesk-Setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="C:\Temp\pd-setup.log"
;       /BACKENDURL=https://pvz.example.ru /POINT=0042 /ENROLCODE=ABCD-EFGH-JKLM
; Silent uninstall (keeps the data directory unless /PURGEDATA=1):
;   "C:\Program Files\Pickup Desk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES [/PURGEDATA=1]

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Pickup Desk"
#define AppExe "PickupDesk.exe"
#define CliExe "PickupDeskCli.exe"
; platformdirs.site_config_dir("PickupDesk", "PickupDesk") on Windows = %ProgramData%\PickupDesk\PickupDesk
#define SiteDir "{commonappdata}\PickupDesk\PickupDesk"

[Setup]
AppId={{6B1F3C52-4E0A-4C7B-9D7E-2F5A8C1D0E42}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PickupDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=PickupDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; Machine-wide data directory shared by every clerk account of this counter PC (database, device.json).
Name: "{#SiteDir}"; Permissions: users-readexec
Name: "{#SiteDir}\data"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
Source: "..\dist\PickupDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} — самопроверка"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\{#CliExe}"" --self-test"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; \
  Flags: nowait postinstall skipifsilent

[Code]
const
  ConfigName = 'config.toml';

function SiteDir(): String;
begin
  Result := ExpandConstant('{#SiteDir}');
end;

function ParamValue(Name: String): String;
begin
  Result := Trim(ExpandConstant('{param:' + Name + '|}'));
end;

{ A TOML literal string cannot hold a quote or a line break: refuse such values. }
function SafeLiteral(Value: String): Boolean;
begin
  Result := (Pos('''', Value) = 0) and (Pos(#10, Value) = 0) and (Pos(#13, Value) = 0);
end;

function InitializeSetup(): Boolean;
begin
  Result := SafeLiteral(ParamValue('BACKENDURL')) and SafeLiteral(ParamValue('POINT'));
  if not Result then
    SuppressibleMsgBox('Параметры /BACKENDURL и /POINT не должны содержать кавычек.', mbError, MB_OK, IDOK);
end;

{ Top-level keys must come before the first [table]; keep the file's other lines as they are. }
function IsReplacedKey(Line: String): Boolean;
var
  Trimmed: String;
begin
  Trimmed := Trim(Line);
  Result := (Pos('backend_url', Trimmed) = 1) or (Pos('point_code', Trimmed) = 1)
            or (Pos('data_dir', Trimmed) = 1);
end;

procedure WriteMachineConfig();
var
  Path, Url, Point: String;
  Old: TArrayOfString;
  Lines: TStringList;
  I: Integer;
  InTable: Boolean;
begin
  Path := SiteDir() + '\' + ConfigName;
  Url := ParamValue('BACKENDURL');
  Point := ParamValue('POINT');
  Lines := TStringList.Create;
  try
    Lines.Add('# Machine-wide settings written by the Pickup Desk installer; per-user config.toml overrides them.');
    Lines.Add('data_dir = ''' + SiteDir() + '\data''');
    if Url <> '' then
      Lines.Add('backend_url = ''' + Url + '''');
    if Point <> '' then
      Lines.Add('point_code = ''' + Point + '''');
    if LoadStringsFromFile(Path, Old) then
    begin
      InTable := False;
      for I := 0 to GetArrayLength(Old) - 1 do
      begin
        if Pos('[', Trim(Old[I])) = 1 then
          InTable := True;
        if Pos('# Machine-wide settings written by', Old[I]) = 1 then
          Continue;
        if (not InTable) and IsReplacedKey(Old[I]) then
        begin
          { an upgrade without parameters keeps the values the first install wrote }
          if (Pos('backend_url', Trim(Old[I])) = 1) and (Url = '') then Lines.Add(Old[I]);
          if (Pos('point_code', Trim(Old[I])) = 1) and (Point = '') then Lines.Add(Old[I]);
          Continue;
        end;
        Lines.Add(Old[I]);
      end;
    end;
    ForceDirectories(SiteDir());
    Lines.SaveToFile(Path);
  finally
    Lines.Free;
  end;
end;

{ PickupDeskCli.exe is the console twin of the app: its output goes to a log next to the config. }
function RunCli(Arguments, LogName: String): Integer;
var
  Code: Integer;
begin
  if not Exec(ExpandConstant('{cmd}'),
              '/c ""' + ExpandConstant('{app}\{#CliExe}') + '" ' + Arguments + ' > "' + SiteDir() + '\' + LogName + '" 2>&1"',
              ExpandConstant('{app}'), SW_HIDE, ewWaitUntilTerminated, Code) then
    Code := -1;
  Result := Code;
end;

procedure EnrolAndSelfTest();
var
  Url, Code: String;
  ExitCode: Integer;
begin
  Url := ParamValue('BACKENDURL');
  Code := ParamValue('ENROLCODE');
  if (Url <> '') and (Code <> '') then
  begin
    ExitCode := RunCli('--enrol "' + Url + '" "' + Code + '"', 'install-enrol.log');
    Log('PickupDesk --enrol exit code: ' + IntToStr(ExitCode));
    if ExitCode <> 0 then
      SuppressibleMsgBox('Регистрация рабочего места не выполнена (код ' + IntToStr(ExitCode) + '). Подробности: '
        + SiteDir() + '\install-enrol.log. Программа установлена; зарегистрируйте её при первом запуске.',
        mbError, MB_OK, IDOK);
  end;
  ExitCode := RunCli('--self-test', 'install-selftest.log');
  Log('PickupDesk --self-test exit code: ' + IntToStr(ExitCode) + ' (0 can work, 1 degraded, 2 cannot work)');
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
  begin
    WriteMachineConfig();
    EnrolAndSelfTest();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (ExpandConstant('{param:PURGEDATA|0}') = '1') then
  begin
    Log('PURGEDATA=1: removing ' + SiteDir() + ' and the per-user data of the uninstalling account');
    DelTree(SiteDir(), True, True, True);
    DelTree(ExpandConstant('{localappdata}\PickupDesk'), True, True, True);
  end;
end;
