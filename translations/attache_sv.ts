<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AttachmentModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>List the entity types and the key of each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the types, the entities of TYPE, or the attachments of TYPE/ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files to TYPE/ID. A name already there gets a number: “name (2).ext”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save an attachment to DEST (a file or a folder; the current folder by default). Never overwrites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete an attachment (to the trash where there is one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move an attachment to another entity, e.g. from the inbox onto an invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an entity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attaché on the command line: attach documents to quotes, invoices, purchases, customers and bank accounts.

TYPE is one of quotes, invoices, purchases, customers, bankaccounts, inbox.

Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store to use: local:PATH. By default, the store the app is set to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print results as JSON; attachments with KashFlow&apos;s field names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No command given. Run “attache-cli --help” for the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command “%1”. Run “attache-cli --help” for the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: attache-cli %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown type “%1”. Run “attache-cli types” for the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not TYPE/ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not TYPE/ID/NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” already exists; choose another destination.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityType</name>
    <message>
        <source>Quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox folder %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalStore</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1: the folder “%2” is read-only or not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free name left for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was not found: it may have been moved or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a folder. Attach the files inside it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder “%1”: it is read-only or not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder “%1” is on a read-only disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough disk space for “%1”: it needs %2 and %3 is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write in “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full: “%1” was not stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full: “%1” was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Attaché</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a quote, invoice, purchase, customer, bank account or inbox folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files to the selected record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected documents in their applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy of the selected documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File the selected documents on another record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show documents as a list with details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show documents as a grid of thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show T&amp;ransfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Attaché</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) on %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) paused</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) in progress</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders can&apos;t be attached: %1. Open the folder and drop the files inside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only files on this computer can be attached: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Uploading %n document(s) to %1…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add Files to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save “%1” As</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Save %n Document(s) To</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1” from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n document(s) from %1?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted documents go to the trash where the system has one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new documents folder is used once the running transfers have finished and Attaché is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attaché is still transferring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers continue in the background. Use the tray icon to open Attaché or quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoveToDialog</name>
    <message>
        <source>Move To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter records</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>File %n document(s) from %1 on:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameRules</name>
    <message>
        <source>The name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a usable name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name “%1” contains a slash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name “%1” contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name “%1” begins or ends with a space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name “%1…” is too long.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewEntityDialog</name>
    <message>
        <source>New Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationBatcher</name>
    <message numerus="yes">
        <source>%n document(s) uploaded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) uploaded to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) moved</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) moved to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) deleted</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) saved</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (%1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Some transfers failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Simultaneous transfers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify when transfers finish or fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents Folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>%1 is not supported by this store.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreFactory</name>
    <message>
        <source>The local store needs a folder: local:PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown store “%1”. Use local:PATH.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Upload to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferModel</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersPanel</name>
    <message>
        <source>Pause All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Attaché</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Attaché</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach receipts, invoices and contracts to accounting records.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
