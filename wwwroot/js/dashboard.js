// Browser helpers for the NSM dashboard, imported on demand by BrowserInterop (Services/BrowserInterop.cs).

const themeKey = "nsm-dashboard-theme";

// Copies text. navigator.clipboard exists only in secure contexts (https or localhost); a dashboard
// reached over plain http through the parent's proxy falls back to a hidden textarea and execCommand.
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: try the fallback below.
    }
  }

  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "-1000px";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function getSavedTheme() {
  try {
    return localStorage.getItem(themeKey);
  } catch {
    return null;
  }
}

export function saveTheme(theme) {
  try {
    localStorage.setItem(themeKey, theme);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}
