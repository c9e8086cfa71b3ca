"""validate: Pydantic models of every data file kind (raw dicts -> typed models), one module per kind."""

from lakip_cli.source.models.anggaran import (  # noqa: F401
    Anggaran,
    Kegiatan,
    Program,
    SubKegiatan,
)
from lakip_cli.source.models.indikator import (  # noqa: F401
    CapaianManual,
    Indikator,
    Komponen,
    Narasi,
    Renstra,
    Rentang,
    Riwayat,
    Rumus,
    SdmIndikator,
    StandarNasional,
)
from lakip_cli.source.models.instansi import (  # noqa: F401
    BarisSdm,
    Instansi,
    Jabatan,
    Misi,
    Pejabat,
    Peraturan,
    RincianSdm,
    Sarana,
    Sdm,
    SubUnit,
    Swot,
    Unit,
)
from lakip_cli.source.models.laporan import (  # noqa: F401
    Laporan,
)
from lakip_cli.source.models.perencanaan import (  # noqa: F401
    BarisPk,
    PenandatangananPk,
    Perencanaan,
    PerjanjianKinerja,
    SasaranStrategis,
    Strategi,
    Tujuan,
)
from lakip_cli.source.models.settings import (  # noqa: F401
    Cek,
    IstilahUsang,
    Kebijakan,
    Keluaran,
    Penerimaan,
    Pengaturan,
    PeraturanDikenal,
    Predikat,
)
from lakip_cli.source.models.value_types import *  # noqa: F403 - the shared value types
