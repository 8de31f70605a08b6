using WorkflowHost.Engine.Units;

namespace WorkflowHost.Web.Views;

/// <summary>Whom to call at another unit: the contact its directory entry names (联系人, 联系电话), looked up by the
/// unit's name as pages show it. A unit added since the directory was loaded has none until the next start.</summary>
public sealed class UnitContacts(UnitDirectory directory)
{
    public UnitContact? Of(string unitName) => directory.Find(unitName)?.Contact;
}
