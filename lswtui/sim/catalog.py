"""The platform's fixed catalogue: regions, packs, images, ISOs and market apps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from .model import Image, Iso, MarketApp, Pack, Region

# The reference text lists ap-northeast-1 (Tokyo); the Jan 2025 spec does not, and no source
# names its datacenter, so TYO-10 (Leaseweb's Tokyo site code) is the simulator's choice.
REGIONS: tuple[Region, ...] = (
    Region("eu-west-3", "Amsterdam", "AMS-01"),
    Region("eu-central-1", "Frankfurt", "FRA-01"),
    Region("eu-west-2", "London", "LON-01"),
    Region("ap-southeast-1", "Singapore", "SIN-01"),
    Region("ca-central-1", "Montreal", "MTL-02"),
    Region("us-east-1", "Washington", "WDC-02"),
    Region("us-west-1", "San Francisco", "SFO-12"),
    Region("ap-northeast-1", "Tokyo", "TYO-10"),
)

# "Leaseweb VPS 2" matches the reference example: 4 vCPU, 6 GiB, 50 GB, 10000 Mbps, 30 TB.
PACKS: tuple[Pack, ...] = (
    Pack("Leaseweb VPS 1", 2, 2, 40, 10000, 20),
    Pack("Leaseweb VPS 2", 4, 6, 50, 10000, 30),
    Pack("Leaseweb VPS 3", 6, 12, 100, 10000, 40),
    Pack("Leaseweb VPS 4", 8, 16, 200, 10000, 50),
    Pack("Leaseweb VPS 5", 12, 24, 300, 10000, 60),
    Pack("Leaseweb VPS 6", 16, 32, 400, 10000, 70),
)

PLESK = ("PLESK_WEB_PRO", "PLESK_WEB_ADMIN")
CPANEL = ("CPANEL_30", "CPANEL_100")


def _linux(
    image_id: str, name: str, flavour: str, version: str | None, apps: Iterable[str] = ()
) -> Image:
    return Image(image_id, name, "linux", flavour, version, market_apps=tuple(apps))


def _windows(image_id: str, name: str, version: str) -> Image:
    return Image(
        image_id,
        name,
        "windows",
        "windows",
        version,
        min_disk_size=50,
        default_user="Administrator",
    )


STANDARD_IMAGES: tuple[Image, ...] = (
    _linux("UBUNTU_24_04_64BIT", "Ubuntu 24.04 LTS (x86_64)", "ubuntu", "24.04"),
    # The reference example lists PLESK_WEB_ADMIN for Ubuntu 22.04.
    _linux("UBUNTU_22_04_64BIT", "Ubuntu 22.04 LTS (x86_64)", "ubuntu", "22.04", PLESK),
    _linux("UBUNTU_20_04_64BIT", "Ubuntu 20.04 LTS (x86_64)", "ubuntu", "20.04"),
    _linux("DEBIAN_12_64BIT", "Debian 12 (x86_64)", "debian", "12", ("PLESK_WEB_PRO",)),
    _linux("DEBIAN_11_64BIT", "Debian 11 (x86_64)", "debian", "11"),
    _linux("ALMALINUX_9_64BIT", "AlmaLinux 9 (x86_64)", "almalinux", "9", CPANEL + PLESK),
    _linux("ALMALINUX_8_64BIT", "AlmaLinux 8 (x86_64)", "almalinux", "8", CPANEL),
    _linux("ROCKYLINUX_9_64BIT", "Rocky Linux 9 (x86_64)", "rockylinux", "9", CPANEL),
    _linux("CENTOS_7_64BIT", "CentOS 7 (x86_64)", "centos", "7"),
    _linux("ARCHLINUX_64BIT", "Arch Linux (x86_64)", "archlinux", None),
    Image("FREEBSD_14_64BIT", "FreeBSD 14 (x86_64)", "bsd", "freebsd", "14"),
    _windows("WINDOWS_SERVER_2022_STANDARD_64BIT", "Windows Server 2022 Standard (x86_64)", "2022"),
    _windows("WINDOWS_SERVER_2019_STANDARD_64BIT", "Windows Server 2019 Standard (x86_64)", "2019"),
)


def _custom(
    image_id: str,
    name: str,
    flavour: str,
    region: str,
    created: str,
    updated: str,
    size: float | None,
    state: str = "READY",
    reason: str | None = None,
) -> Image:
    return Image(
        image_id,
        name,
        "linux",
        flavour,
        None,
        architecture=None,
        storage_types=(),
        storage_size_gb=size,
        state=state,
        state_reason=reason,
        region=region,
        created_at=datetime.fromisoformat(created).replace(tzinfo=UTC),
        updated_at=datetime.fromisoformat(updated).replace(tzinfo=UTC),
        custom=True,
    )


CUSTOM_IMAGES: tuple[Image, ...] = (
    _custom(
        "abcc1630-362f-48ba-832f-c496aff24121",
        "golden-web-2024.07",
        "ubuntu",
        "eu-west-3",
        "2024-07-05T10:44:08",
        "2024-07-18T08:52:08",
        2.03,
    ),
    _custom(
        "8600b94b-45b4-4887-86e1-2792b06dbb32",
        "pg16-base",
        "debian",
        "eu-central-1",
        "2024-09-02T14:47:01",
        "2024-09-17T13:14:01",
        3.61,
    ),
    _custom(
        "ace712e9-a166-47f1-9065-4af0f7e7fce1",
        "golden-web-2024.11",
        "ubuntu",
        "eu-west-3",
        "2024-11-21T09:54:27",
        "2024-11-21T10:02:40",
        None,
        "FAILED",
        "The image file could not be converted.",
    ),
)

ISOS: tuple[Iso, ...] = (
    Iso("GRML", "GRML 2022.11"),
    Iso("ACRONIS_BOOT_MEDIA", "Acronis Boot Media"),
    Iso("SYSTEMRESCUE", "SystemRescue 11.02"),
    Iso("CLONEZILLA", "Clonezilla Live 3.1.3"),
    Iso("FINNIX", "Finnix 126"),
    Iso("MEMTEST86", "Memtest86+ 7.00"),
    Iso("UBUNTU_24_04_SERVER", "Ubuntu 24.04 LTS Live Server"),
    Iso("DEBIAN_12_NETINST", "Debian 12 netinst"),
    Iso("VIRTIO_WIN", "VirtIO drivers for Windows 0.1.262"),
)

MARKET_APPS: tuple[MarketApp, ...] = (
    MarketApp(
        "CPANEL_30",
        "cPanel Pro (30 accounts)",
        "CONTROL_PANEL",
        "120",
        "cpanel",
        "ALMALINUX_9_64BIT",
        "cPanel Pro 30",
        "root",
    ),
    MarketApp(
        "CPANEL_100",
        "cPanel Premier (100 accounts)",
        "CONTROL_PANEL",
        "120",
        "cpanel",
        "ALMALINUX_9_64BIT",
        "cPanel Premier 100",
        "root",
    ),
    MarketApp(
        "PLESK_WEB_PRO",
        "Plesk Web Pro",
        "CONTROL_PANEL",
        "18.0",
        "plesk",
        "UBUNTU_22_04_64BIT",
        "Plesk Web Pro Edition",
        "admin",
    ),
    MarketApp(
        "PLESK_WEB_ADMIN",
        "Plesk Web Admin",
        "CONTROL_PANEL",
        "18.0",
        "plesk",
        "UBUNTU_22_04_64BIT",
        "Plesk Web Admin Edition",
        "admin",
    ),
)
