<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EntityTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KashflowSignIn</name>
    <message numerus="yes">
        <source>Give %n character(s) of the memorable word.</source>
        <translation>
            <numerusform>Give %n character of the memorable word.</numerusform>
            <numerusform>Give %n characters of the memorable word.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n document(s) on %1</source>
        <translation>
            <numerusform>%n document on %1</numerusform>
            <numerusform>%n documents on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) paused</source>
        <translation>
            <numerusform>%n transfer paused</numerusform>
            <numerusform>%n transfers paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) in progress</source>
        <translation>
            <numerusform>%n transfer in progress</numerusform>
            <numerusform>%n transfers in progress</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Save %n Document(s) To</source>
        <translation>
            <numerusform>Save %n Document To</numerusform>
            <numerusform>Save %n Documents To</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n document(s) from %1?</source>
        <translation>
            <numerusform>Delete %n document from %1?</numerusform>
            <numerusform>Delete %n documents from %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline, %n transfer(s) waiting</source>
        <translation>
            <numerusform>Offline, %n transfer waiting</numerusform>
            <numerusform>Offline, %n transfers waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) waiting</source>
        <translation>
            <numerusform>%n transfer waiting</numerusform>
            <numerusform>%n transfers waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n document(s) will go to %1 when the connection is back.</source>
        <translation>
            <numerusform>Offline: %n document will go to %1 when the connection is back.</numerusform>
            <numerusform>Offline: %n documents will go to %1 when the connection is back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Transfers are paused: %n document(s) will go to %1 when they are resumed.</source>
        <translation>
            <numerusform>Transfers are paused: %n document will go to %1 when they are resumed.</numerusform>
            <numerusform>Transfers are paused: %n documents will go to %1 when they are resumed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) will be attached under a name a document can have: %1.</source>
        <translation>
            <numerusform>%n document will be attached under a name a document can have: %1.</numerusform>
            <numerusform>%n documents will be attached under a name a document can have: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveToDialog</name>
    <message numerus="yes">
        <source>Move %n document(s) from %1 to:</source>
        <translation>
            <numerusform>Move %n document from %1 to:</numerusform>
            <numerusform>Move %n documents from %1 to:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationBatcher</name>
    <message numerus="yes">
        <source>%n document(s) uploaded</source>
        <translation>
            <numerusform>%n document uploaded</numerusform>
            <numerusform>%n documents uploaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) uploaded to %1</source>
        <translation>
            <numerusform>%n document uploaded to %1</numerusform>
            <numerusform>%n documents uploaded to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) moved</source>
        <translation>
            <numerusform>%n document moved</numerusform>
            <numerusform>%n documents moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) moved to %1</source>
        <translation>
            <numerusform>%n document moved to %1</numerusform>
            <numerusform>%n documents moved to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) deleted</source>
        <translation>
            <numerusform>%n document deleted</numerusform>
            <numerusform>%n documents deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) saved</source>
        <translation>
            <numerusform>%n document saved</numerusform>
            <numerusform>%n documents saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (%1)</source>
        <translation>
            <numerusform>%n failed (%1)</numerusform>
            <numerusform>%n failed (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new document(s) on %1</source>
        <translation>
            <numerusform>%n new document on %1</numerusform>
            <numerusform>%n new documents on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) removed from %1</source>
        <translation>
            <numerusform>%n document removed from %1</numerusform>
            <numerusform>%n documents removed from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new document(s)</source>
        <translation>
            <numerusform>%n new document</numerusform>
            <numerusform>%n new documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n record(s)</source>
        <translation>
            <numerusform>%1 on %n record</numerusform>
            <numerusform>%1 on %n records</numerusform>
        </translation>
    </message>
</context>
</TS>
